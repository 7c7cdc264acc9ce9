using System.IO.Ports;
using GroundStation.Hal;

namespace GroundStation.Host.Link;

/// <summary>
/// A real serial port (USB-serial adapter, on-board UART or the simulation board's pseudo-terminal) seen through
/// the firmware's <see cref="ISerialPort"/> contract: reads never block. A reader thread blocks on the port and
/// queues what arrives, raising <see cref="DataArrived"/>, so the link pump sleeps until bytes come instead of
/// polling. Opening maps the OS failures to <see cref="LinkException"/>s that say what to do.
/// </summary>
public sealed class SerialPortTransport : ISerialPort, IDataArrivalSignal, IDisposable
{
    private readonly SerialPort _port;
    private readonly Queue<byte[]> _received = new();
    private readonly object _gate = new();
    private readonly Thread _reader;
    private byte[]? _current;
    private int _currentOffset;
    private Exception? _readFailure;
    private volatile bool _writeFailed;
    private volatile bool _disposed;

    private SerialPortTransport(SerialPort port)
    {
        _port = port;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "gsctl serial rx " + port.PortName };
        _reader.Start();
    }

    /// <inheritdoc />
    public event Action? DataArrived;

    public int BaudRate => _port.BaudRate;

    public string PortName => _port.PortName;

    public static SerialPortTransport Open(string path, int baudRate)
    {
        if (Directory.Exists(path))
        {
            throw new LinkException(LinkErrorKind.PortNotFound, SerialDeviceCheck.WhyNotSerial(path)!);
        }

        if (!OperatingSystem.IsWindows() && !File.Exists(path))
        {
            throw new LinkException(LinkErrorKind.PortNotFound,
                $"serial port {path} does not exist (is the device plugged in? `gsctl ports` lists the ports)");
        }

        var port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 50,
            WriteTimeout = 2000,
            ReadBufferSize = 1 << 16,
            WriteBufferSize = 1 << 16,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException && SerialDeviceCheck.WhyNotSerial(path) is { } notSerial)
        {
            port.Dispose();
            throw new LinkException(LinkErrorKind.PortNotFound, notSerial, e);
        }
        catch (UnauthorizedAccessException e)
        {
            port.Dispose();
            var busy = e.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) ||
                       e.InnerException?.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) == true;
            throw busy
                ? new LinkException(LinkErrorKind.PortBusy, $"serial port {path} is in use by another program (close it and retry)", e)
                : new LinkException(LinkErrorKind.PermissionDenied,
                    $"no access to serial port {path}: another program may hold it, or your user lacks permission" +
                    " (on Linux add it to the dialout group and log in again)", e);
        }
        catch (FileNotFoundException e)
        {
            port.Dispose();
            throw new LinkException(LinkErrorKind.PortNotFound, $"serial port {path} does not exist", e);
        }
        catch (IOException e)
        {
            port.Dispose();
            var busy = e.Message.Contains("busy", StringComparison.OrdinalIgnoreCase);
            throw new LinkException(busy ? LinkErrorKind.PortBusy : LinkErrorKind.IoError,
                $"cannot open serial port {path}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            port.Dispose();
            throw new LinkException(LinkErrorKind.IoError, $"cannot open serial port {path} at {baudRate} baud: {e.Message}", e);
        }

        return new SerialPortTransport(port);
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            var n = 0;
            while (n < count)
            {
                if (_current is null && !_received.TryDequeue(out _current))
                {
                    break;
                }

                var take = Math.Min(count - n, _current.Length - _currentOffset);
                Buffer.BlockCopy(_current, _currentOffset, buffer, offset + n, take);
                n += take;
                _currentOffset += take;
                if (_currentOffset == _current.Length)
                {
                    _current = null;
                    _currentOffset = 0;
                }
            }

            if (n == 0 && _readFailure is { } e)
            {
                throw new LinkException(LinkErrorKind.IoError, $"serial port {PortName} failed: {e.Message}", e);
            }

            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _port.Write(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            _writeFailed = true;
            throw new LinkException(LinkErrorKind.IoError, $"serial port {PortName} failed: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        bool failed;
        lock (_gate)
        {
            failed = _readFailure is not null || _writeFailed;
        }

        if (failed)
        {
            // SerialPort.Dispose flushes first, which waits for every queued write: forever once the other end is
            // gone (a killed simulation board, a pulled adapter) and a write failed or timed out. Closing the stream
            // itself first discards them, and SerialPort then has nothing to flush.
            try
            {
                _port.BaseStream.Dispose();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
            }
        }

        _port.Dispose();
    }

    /// <summary>Blocks on the port (ReadTimeout bounds each wait so disposal is noticed) and queues each chunk.</summary>
    private void ReadLoop()
    {
        var chunk = new byte[4096];
        while (!_disposed)
        {
            int n;
            try
            {
                n = _port.BaseStream.Read(chunk, 0, chunk.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                if (!_disposed)
                {
                    lock (_gate)
                    {
                        _readFailure = e;
                    }

                    DataArrived?.Invoke();
                }

                return;
            }

            if (n <= 0)
            {
                continue;
            }

            lock (_gate)
            {
                _received.Enqueue(chunk.AsSpan(0, n).ToArray());
            }

            DataArrived?.Invoke();
        }
    }
}

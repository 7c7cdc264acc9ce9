using System.IO.Ports;
using GroundStation.Hal;

namespace GroundStation.Gsctl.Link;

/// <summary>
/// A real serial port (USB-serial adapter, on-board UART or the simulation board's pseudo-terminal) seen through
/// the firmware's <see cref="ISerialPort"/> contract: reads never block. Opening maps the OS failures to
/// <see cref="LinkException"/>s that say what to do.
/// </summary>
public sealed class SerialPortTransport : ISerialPort, IDisposable
{
    private readonly SerialPort _port;

    private SerialPortTransport(SerialPort port) => _port = port;

    public int BaudRate => _port.BaudRate;

    public string PortName => _port.PortName;

    public static SerialPortTransport Open(string path, int baudRate)
    {
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
        try
        {
            var available = _port.BytesToRead;
            return available == 0 ? 0 : _port.Read(buffer, offset, Math.Min(count, available));
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw new LinkException(LinkErrorKind.IoError, $"serial port {PortName} failed: {e.Message}", e);
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
            throw new LinkException(LinkErrorKind.IoError, $"serial port {PortName} failed: {e.Message}", e);
        }
    }

    public void Dispose() => _port.Dispose();
}

using GroundStation.Hal;

namespace GroundStation.Boards.Sim.Uart;

/// <summary>
/// The firmware's UART on the simulation board: <see cref="ISerialPort"/> over the master side of a
/// <see cref="PseudoTerminal"/>. A reader thread drains the master into a bounded receive buffer, the way a UART's
/// hardware FIFO and driver ring buffer decouple the line from the firmware loop; Read never blocks.
/// When the buffer is full the reader stops reading, so the kernel's pty buffer fills and the writer blocks:
/// like RTS/CTS flow control, nothing is dropped here.
/// </summary>
internal sealed class PtySerialPort : ISerialPort, IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly FileStream _stream;
    private readonly byte[] _ring;
    private readonly Thread _reader;
    private readonly object _gate = new();
    private int _head;
    private int _count;
    private volatile bool _disposed;

    public PtySerialPort(PseudoTerminal pty, int baudRate, int receiveBufferBytes = 64 * 1024)
    {
        _pty = pty;
        BaudRate = baudRate;
        _stream = new FileStream(pty.Master, FileAccess.ReadWrite, bufferSize: 0);
        _ring = new byte[receiveBufferBytes];
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "sim-uart-rx" };
        _reader.Start();
    }

    public int BaudRate { get; }

    public string Path => _pty.SlavePath;

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            var n = Math.Min(count, _count);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _ring[(_head + i) % _ring.Length];
            }

            _head = (_head + n) % _ring.Length;
            _count -= n;
            if (n > 0)
            {
                Monitor.PulseAll(_gate);
            }

            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (_disposed)
        {
            return;
        }

        _stream.Write(buffer, offset, count);
    }

    /// <summary>Blocks until received bytes are waiting or the timeout passes (lets an idle firmware loop sleep).</summary>
    public bool WaitForData(int timeoutMilliseconds)
    {
        lock (_gate)
        {
            return _count > 0 || Monitor.Wait(_gate, timeoutMilliseconds) && _count > 0;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _pty.Dispose();
    }

    private void ReadLoop()
    {
        var chunk = new byte[4096];
        while (!_disposed)
        {
            int n;
            try
            {
                n = _stream.Read(chunk, 0, chunk.Length);
            }
            catch (IOException)
            {
                // EIO while no client holds the slave open cannot happen (the board holds it); anything else
                // means the pty is gone.
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (n <= 0)
            {
                return;
            }

            lock (_gate)
            {
                for (var i = 0; i < n; i++)
                {
                    while (_count == _ring.Length && !_disposed)
                    {
                        Monitor.Wait(_gate, 50);
                    }

                    _ring[(_head + _count) % _ring.Length] = chunk[i];
                    _count++;
                }

                Monitor.PulseAll(_gate);
            }
        }
    }
}

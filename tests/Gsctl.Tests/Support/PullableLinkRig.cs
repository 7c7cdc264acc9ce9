using System.Buffers.Binary;
using GroundStation.Host.Link;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Tests.Gsctl.Support;

/// <summary>
/// A device endpoint on its own thread and a serial cable that can be pulled: while pulled, the host's port
/// throws IOException (as a vanished USB adapter does), opening a new one fails with PortNotFound, and what the
/// device sends is lost.
/// </summary>
internal sealed class PullableLinkRig : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<byte> _toDevice = new();
    private readonly Queue<byte> _toHost = new();
    private readonly CancellationTokenSource _stop = new();
    private HostPort? _plugged;
    private bool _unplugged;
    private Thread? _device;

    /// <summary>Runs the device: <paramref name="messages"/> numbered reliable messages (int32 LE first), and when
    /// <paramref name="telemetry"/> is set a telemetry record every 50 ms whose UptimeMs counts the records.</summary>
    public void StartDevice(int messages, bool telemetry = false)
    {
        var port = new DevicePort(this);
        var clock = new StopwatchClock();
        var endpoint = new DeviceEndpoint(port, clock, new DeviceIdentity("QKD Lab", "GS-1", "1.2.3", "test", "SN1"), new LinkSettings(), 0x5E551011);
        _device = new Thread(() =>
        {
            var payload = new byte[64];
            var record = new TelemetryRecord();
            var recordBytes = new byte[TelemetryRecord.Length];
            var next = 0;
            var nextTelemetry = DateTime.UtcNow;
            while (!_stop.IsCancellationRequested)
            {
                endpoint.Poll();
                if (telemetry && DateTime.UtcNow >= nextTelemetry)
                {
                    nextTelemetry = DateTime.UtcNow.AddMilliseconds(50);
                    record.UptimeMs += 1;
                    var length = record.Write(recordBytes, 0);
                    endpoint.SendTelemetry(MessageType.Telemetry, recordBytes, 0, length);
                }

                while (next < messages && endpoint.CanAccept(payload.Length))
                {
                    BinaryPrimitives.WriteInt32LittleEndian(payload, next);
                    Assert.True(endpoint.SendReliable(MessageType.SiftedBlock, payload, 0, payload.Length));
                    next++;
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "test device" };
        _device.Start();
    }

    public ISerialPort PlugIn()
    {
        lock (_gate)
        {
            if (_unplugged)
            {
                throw new LinkException(LinkErrorKind.PortNotFound, "port unplugged");
            }

            _toHost.Clear();
            _plugged = new HostPort(this);
            return _plugged;
        }
    }

    public void Pull()
    {
        lock (_gate)
        {
            _unplugged = true;
            _plugged = null;
            _toDevice.Clear();
            _toHost.Clear();
        }
    }

    public void AllowPlugIn()
    {
        lock (_gate)
        {
            _unplugged = false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _device?.Join(TimeSpan.FromSeconds(2));
    }

    private sealed class StopwatchClock : IMonotonicClock
    {
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public long NowMicroseconds => _watch.Elapsed.Ticks / 10;

        public int ResolutionMicroseconds => 1;
    }

    private sealed class DevicePort(PullableLinkRig rig) : ISerialPort
    {
        public int BaudRate => 921600;

        public int Read(byte[] buffer, int offset, int count)
        {
            lock (rig._gate)
            {
                var n = 0;
                while (n < count && rig._toDevice.Count > 0)
                {
                    buffer[offset + n++] = rig._toDevice.Dequeue();
                }

                return n;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (rig._gate)
            {
                if (rig._plugged is null)
                {
                    return; // nobody on the other end
                }

                for (var i = 0; i < count; i++)
                {
                    rig._toHost.Enqueue(buffer[offset + i]);
                }
            }
        }
    }

    private sealed class HostPort(PullableLinkRig rig) : ISerialPort
    {
        public int BaudRate => 921600;

        public int Read(byte[] buffer, int offset, int count)
        {
            lock (rig._gate)
            {
                ThrowIfPulled();
                var n = 0;
                while (n < count && rig._toHost.Count > 0)
                {
                    buffer[offset + n++] = rig._toHost.Dequeue();
                }

                return n;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (rig._gate)
            {
                ThrowIfPulled();
                for (var i = 0; i < count; i++)
                {
                    rig._toDevice.Enqueue(buffer[offset + i]);
                }
            }
        }

        private void ThrowIfPulled()
        {
            if (!ReferenceEquals(rig._plugged, this))
            {
                throw new IOException("Input/output error (the adapter is gone)");
            }
        }
    }
}

using System.Buffers.Binary;
using GroundStation.Gsctl.Link;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Tests.Gsctl.Link;

public class ResumingLinkTests
{
    private const int Messages = 3000;

    [Fact]
    public void A_cable_pull_mid_stream_is_resumed_with_every_message_once_and_in_order()
    {
        using var rig = new PullableLinkRig();
        rig.StartDevice(Messages);
        var first = new LinkClient(rig.PlugIn());
        first.Connect(TimeSpan.FromSeconds(5));
        var reports = new List<string>();
        using var link = new ResumingLink(first, () => new LinkClient(rig.PlugIn()), TimeSpan.FromSeconds(20), reports.Add)
        {
            RetryInterval = TimeSpan.FromMilliseconds(50),
        };
        var received = new List<int>();
        link.Received = (type, payload) =>
        {
            lock (received)
            {
                received.Add(BinaryPrimitives.ReadInt32LittleEndian(payload));
            }
        };

        WaitFor(() => Count(received) >= Messages / 4, link, () => $"before pull: {Count(received)} received");
        rig.Pull();                                  // the host's port dies; the device's bytes go nowhere
        Thread.Sleep(300);                           // the device keeps queueing into its send buffer
        rig.AllowPlugIn();
        WaitFor(() => Count(received) >= Messages, link,
            () => "after pull: " + Missing(received) + $" {Count(received)} received, {link.Resumptions} resumptions, state {link.Current.State}, reports: {string.Join(" | ", reports)}");

        Assert.Equal(1, link.Resumptions);
        Assert.Equal(Enumerable.Range(0, Messages), received);
        Assert.Contains(reports, r => r.StartsWith("link lost", StringComparison.Ordinal));
        Assert.Contains("link back: session resumed, nothing lost", reports);
        first.Dispose();
    }

    [Fact]
    public void A_device_that_does_not_come_back_ends_with_one_clear_error_after_the_allowed_time()
    {
        using var rig = new PullableLinkRig();
        rig.StartDevice(Messages);
        var first = new LinkClient(rig.PlugIn());
        first.Connect(TimeSpan.FromSeconds(5));
        using var link = new ResumingLink(first, () => new LinkClient(rig.PlugIn()), TimeSpan.FromMilliseconds(400))
        {
            RetryInterval = TimeSpan.FromMilliseconds(100),
        };
        rig.Pull();
        WaitUntil(() => first.Failure is not null);

        var error = Assert.Throws<LinkException>(link.EnsureAlive);
        Assert.Equal(LinkErrorKind.NoAnswer, error.Kind);
        Assert.Contains("did not come back within 0.4 s", error.Message);
        Assert.Contains("unplugged", error.Message);
    }

    private static string Missing(List<int> list)
    {
        lock (list)
        {
            var missing = Enumerable.Range(0, Messages).Except(list).ToArray();
            var dup = list.Count - list.Distinct().Count();
            return $"missing {missing.Length} (first {string.Join(",", missing.Take(5))}; last {string.Join(",", missing.TakeLast(3))}), dup {dup}, order ok {list.SequenceEqual(list.Order())}";
        }
    }

    private static int Count(List<int> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static void WaitFor(Func<bool> done, ResumingLink link, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out " + describe());
            link.EnsureAlive();
            Thread.Sleep(5);
        }
    }

    private static void WaitUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// A device endpoint on its own thread and a serial cable that can be pulled: while pulled, the host's port
    /// throws IOException (as a vanished USB adapter does), opening a new one fails with PortNotFound, and what the
    /// device sends is lost.
    /// </summary>
    private sealed class PullableLinkRig : IDisposable
    {
        private readonly object _gate = new();
        private readonly Queue<byte> _toDevice = new();
        private readonly Queue<byte> _toHost = new();
        private readonly CancellationTokenSource _stop = new();
        private HostPort? _plugged;
        private bool _unplugged;
        private Thread? _device;

        public void StartDevice(int messages)
        {
            var port = new DevicePort(this);
            var clock = new StopwatchClock();
            var endpoint = new DeviceEndpoint(port, clock, new DeviceIdentity("QKD Lab", "GS-1", "1.2.3", "test", "SN1"), new LinkSettings(), 0x5E551011);
            _device = new Thread(() =>
            {
                var payload = new byte[64];
                var next = 0;
                while (!_stop.IsCancellationRequested)
                {
                    endpoint.Poll();
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
}

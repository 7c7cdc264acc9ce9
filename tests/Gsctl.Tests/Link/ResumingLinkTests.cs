using System.Buffers.Binary;
using GroundStation.Host.Link;
using GroundStation.Hal;
using GroundStation.Protocol;

using GroundStation.Tests.Gsctl.Support;

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
}

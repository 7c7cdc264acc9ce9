using System.Globalization;
using GroundStation.Gsctl.Dashboard;
using GroundStation.Host.Link;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Dashboard;

public class StatusReconnectTests
{
    [Fact]
    public void After_a_cable_pull_the_reader_reports_the_link_lost_then_reads_fresh_telemetry_from_the_resumed_session()
    {
        using var rig = new PullableLinkRig();
        rig.StartDevice(messages: 0, telemetry: true);
        var first = new LinkClient(rig.PlugIn());
        first.Connect(TimeSpan.FromSeconds(5));
        using var link = new ResumingLink(first, () => new LinkClient(rig.PlugIn()), TimeSpan.FromSeconds(10))
        {
            RetryInterval = TimeSpan.FromMilliseconds(50),
        };
        using var reader = new DeviceStatusReader(link);

        var before = reader.Read();
        Assert.Equal(TelemetrySource.Record, before.Source);
        Assert.False(reader.LinkLost);

        rig.Pull();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!reader.LinkLost)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pull was not noticed");
            Thread.Sleep(5);
        }

        Thread.Sleep(200);
        rig.AllowPlugIn();
        var after = reader.Read();

        Assert.Equal(1, link.Resumptions);
        Assert.False(reader.LinkLost);
        Assert.Equal(TelemetrySource.Record, after.Source);
        Assert.True(Uptime(after) > Uptime(before), $"{Uptime(after)} after, {Uptime(before)} before");
        first.Dispose();
    }

    // The rig's device counts its records in UptimeMs: a later record has a larger count.
    private static long Uptime(DeviceStatus status) => long.Parse(status.Telemetry["uptime_ms"], CultureInfo.InvariantCulture);
}

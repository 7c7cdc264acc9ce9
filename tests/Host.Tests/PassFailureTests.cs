using GroundStation.Host.Drivers;
using GroundStation.Peer.Session;
using GroundStation.Tests.Host.Support;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Host;

/// <summary>
/// A pass between the station's and the transmitter's roles over the peer link, and the ways it must end without a
/// bad key: a wrong pre-shared key, a tampered frame, a dropped connection (resumed: the same result as without the
/// drop), a QBER above the alarm threshold. Each failure is one line naming its cause; nothing is kept.
/// </summary>
public sealed class PassFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_undisturbed_post_pass_session_completes_with_the_same_report_on_both_sides()
    {
        await using var rig = new PeerPassRig();
        var station = await rig.RunStationAsync(rig.Detections(40_000, 0.02));
        var transmitter = await rig.Transmitter.WaitAsync(Patience);

        var s = station.Distillation.Report();
        var t = transmitter.Report;
        Assert.InRange(s.KeyStreamBits, 7_000, 11_000); // ~40 k detections, half sifted, 7/8 kept, half Z
        Assert.Equal(s.KeyStreamBits, t.KeyStreamBits);
        Assert.Equal((s.FramesKept, s.DisclosedBits, s.SecretKeyBits), (t.FramesKept, t.DisclosedBits, t.SecretKeyBits));
        Assert.False(s.QberAlarm);
        Assert.InRange(s.QberX!.Value, 0.01, 0.03); // the injected 2 %, from every test-basis bit
        Assert.Equal(station.Distillation.FinalKey, transmitter.FinalKey); // too short a pass for a key: both null
    }

    [Fact]
    public async Task A_wrong_pre_shared_key_ends_the_station_in_one_line_and_leaves_the_pass_to_the_right_station()
    {
        await using var rig = new PeerPassRig(wrongStationKey: true);

        var e = await Assert.ThrowsAsync<PeerSessionException>(() => rig.RunStationAsync(rig.Detections(1_000, 0.02)));

        Assert.Contains("wrong key", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(rig.Transmitter.IsCompleted); // still serving: a refused handshake burns nothing
        await WaitFor(() => Snapshot(rig.TransmitterLog).Any(l => l.Contains("wrong key")));
    }

    [Fact]
    public async Task A_tampered_frame_ends_both_sides_naming_it_and_nothing_is_kept()
    {
        await using var rig = new PeerPassRig();
        var proxy = rig.AddProxy();
        // The first station frame after the transmitter's match replies (a frame of kilobytes, sent only once it has
        // taken the announcements): a tamper before that would fail a session that never engaged the pass, which the
        // transmitter rightly survives to serve the next station (TransmitterService), so the frame is chosen by what
        // the transmitter has done, not by its index (an index raced the transmitter's processing).
        var repliesSeen = 0;
        var tampered = 0;
        proxy.FrameHook = (direction, connection, index, frame) =>
        {
            if (direction == ProxyDirection.ServerToClient && frame.Length >= 1_000)
            {
                Volatile.Write(ref repliesSeen, 1);
            }
            else if (direction == ProxyDirection.ClientToServer && Volatile.Read(ref repliesSeen) == 1 &&
                     Interlocked.Exchange(ref tampered, 1) == 0)
            {
                frame = frame.ToArray();
                frame[frame.Length / 2] ^= 0x10;
            }

            return [frame];
        };

        var e = await Assert.ThrowsAsync<PeerSessionException>(() => rig.RunStationAsync(rig.Detections(40_000, 0.02)));
        var t = await Assert.ThrowsAsync<PeerSessionException>(() => rig.Transmitter.WaitAsync(Patience));

        Assert.Contains("tampered message", e.Message);
        Assert.Contains("tampered message", t.Message);
        Assert.DoesNotContain('\n', e.Message + t.Message);
    }

    [Fact]
    public async Task A_connection_dropped_mid_pass_is_resumed_and_ends_as_an_undisturbed_one()
    {
        await using var rig = new PeerPassRig();
        var proxy = rig.AddProxy();
        proxy.CutAfterBytes = connection => connection == 0 ? 30_000 : null;

        var station = await rig.RunStationAsync(rig.Detections(40_000, 0.02));
        var transmitter = await rig.Transmitter.WaitAsync(Patience);

        Assert.True(proxy.Connections >= 2, "the connection was cut and a new one resumed the session");
        var s = station.Distillation.Report();
        Assert.InRange(s.KeyStreamBits, 7_000, 11_000);
        Assert.Equal((s.KeyStreamBits, s.FramesKept, s.DisclosedBits), (transmitter.Report.KeyStreamBits, transmitter.Report.FramesKept, transmitter.Report.DisclosedBits));
        Assert.Equal(station.Sifting.Ledger.MatchedSlots, transmitter.Blocks.Sum(b => (long)b.Entries.Count + b.Disclosed.Count));
    }

    [Fact]
    public async Task A_qber_above_the_threshold_fires_the_alarm_and_no_key_is_made_on_either_side()
    {
        await using var rig = new PeerPassRig();
        var station = await rig.RunStationAsync(rig.Detections(20_000, 0.15));
        var transmitter = await rig.Transmitter.WaitAsync(Patience);

        var s = station.Distillation.Report();
        Assert.True(s.QberAlarm);
        Assert.True(transmitter.Report.QberAlarm);
        Assert.NotEmpty(station.Sifting.Alarms);
        Assert.Equal(0, s.SecretKeyBits);
        Assert.Null(station.Distillation.FinalKey);
        Assert.Null(transmitter.FinalKey);
        Assert.Contains("alarm", s.NoKeyReason);
        Assert.DoesNotContain('\n', s.NoKeyReason!);
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return lines.ToList();
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}

using System.Reflection;
using GroundStation.Firmware.App;
using GroundStation.Protocol;

namespace GroundStation.Tests.App;

/// <summary>
/// Telemetry over the link: one record per second of board time, decodable with <see cref="TelemetryRecord.TryRead"/>,
/// with rates that match a known injected event stream, and nothing in it but named counters.
/// </summary>
public sealed class TelemetryTests
{
    /// <summary>Events per millisecond on tagger channels 0-3 (detectors) and 4 (beacon).</summary>
    private static readonly int[] EventsPerMillisecond = [3, 1, 0, 2, 10];

    [Fact]
    public void One_record_per_board_second_with_the_injected_rates()
    {
        var rig = new FirmwareRig();
        var host = new RigHost(rig);
        host.Connect();
        Assert.Equal((0, "OK"), host.Execute("DET:GATE 1,ON"));
        host.Messages.Clear();

        long start = rig.Clock.NowMicroseconds;
        rig.Run(6_000_000, () =>
        {
            InjectOneMillisecond(rig);
            host.Session.Poll();
        });

        var records = host.Messages.Where(m => m.Type == MessageType.Telemetry).ToList();
        Assert.InRange(records.Count, 5, 6);
        var arrivals = records.Select(r => r.AtMicroseconds).ToList();
        foreach (var (earlier, later) in arrivals.Zip(arrivals.Skip(1)))
        {
            Assert.InRange(later - earlier, 999_000, 1_001_000);
        }

        var decoded = records.Select(r =>
        {
            var record = new TelemetryRecord();
            Assert.True(record.TryRead(r.Payload, 0, r.Payload.Length));
            return (r.AtMicroseconds, Record: record);
        }).ToList();

        // After the first (its interval started before the stream), every second shows the injected rates exactly.
        foreach (var (at, r) in decoded.Skip(1))
        {
            Assert.Equal(new[] { 3000, 1000, 0, 2000 }, r.CountRateHz);
            Assert.Equal(10_000, r.BeaconRateHz);
            Assert.InRange(r.UptimeMs, (at / 1000) - 2, at / 1000);
            Assert.Equal((int)SafeStateReason.None, r.SafeStateReasons);
            Assert.Equal(new byte[] { 1, 0, 0, 0 }, r.GateOn);
            Assert.Equal(new byte[4], r.LatchedFault);
            Assert.Equal(0, r.ResetReason);
            Assert.Equal(0, r.HalFaults);
            Assert.Equal(0, r.TaggerOverflowed);
            Assert.Equal(4, r.LinkCapacity);
            Assert.Equal(-1, r.FreeMemoryBytes);
        }

        Assert.True(decoded[^1].Record.UptimeMs > (start / 1000) + 4000);
    }

    [Fact]
    public void Telemetry_query_refreshes_the_record_on_request()
    {
        var rig = new FirmwareRig(lastResetWasWatchdog: true);
        rig.Run(2_500_000, () => InjectOneMillisecond(rig));

        long askedAtMs = rig.Clock.NowMicroseconds / 1000;
        var text = rig.Console("TEL?");
        Assert.Contains("\nsafe_reasons=17\n", text);

        // The line is read and answered in the next loop iteration, 1 ms later: the record is that fresh.
        Assert.StartsWith($"uptime_ms={askedAtMs + 1}\n", text);
        Assert.Equal(1, rig.App.Telemetry.Latest.ResetReason);
        Assert.InRange(rig.App.Telemetry.Latest.CountRateHz[0], 2900, 3100); // over the ~0.5 s since the last record
    }

    [Fact]
    public void A_record_is_its_named_counters_and_nothing_else()
    {
        var rig = new FirmwareRig();
        var host = new RigHost(rig);
        host.Connect();
        rig.Run(2_500_000, () =>
        {
            InjectOneMillisecond(rig);
            host.Session.Poll();
        });

        var payload = host.Messages.Last(m => m.Type == MessageType.Telemetry).Payload;
        Assert.Equal(175, TelemetryRecord.Length); // protocol/README.md section 7 documents this layout
        Assert.Equal(TelemetryRecord.Length, payload.Length);

        // Every payload byte belongs to a named field: decoding and re-encoding reproduces it exactly.
        var record = new TelemetryRecord();
        Assert.True(record.TryRead(payload, 0, payload.Length));
        var again = new byte[TelemetryRecord.Length];
        Assert.Equal(payload.Length, record.Write(again, 0));
        Assert.Equal(payload, again);

        // And no field can carry key bits: scalars and per-detector arrays of 4 only.
        foreach (var field in typeof(TelemetryRecord).GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = field.GetValue(record);
            if (value is Array array)
            {
                Assert.Equal(TelemetryRecord.Detectors, array.Length);
            }
            else
            {
                Assert.True(field.FieldType.IsPrimitive, $"{field.Name} is {field.FieldType}");
            }
        }
    }

    private static void InjectOneMillisecond(FirmwareRig rig)
    {
        long t0 = (rig.Clock.NowMicroseconds - FirmwareRig.StepMicroseconds) * 1_000_000;
        var times = new List<long>();
        var channels = new List<byte>();
        for (int channel = 0; channel < EventsPerMillisecond.Length; channel++)
        {
            for (int i = 0; i < EventsPerMillisecond[channel]; i++)
            {
                times.Add(t0 + (i * 90_000_000L) + (channel * 1000));
                channels.Add((byte)channel);
            }
        }

        var order = Enumerable.Range(0, times.Count).OrderBy(i => times[i]).ToArray();
        rig.Tagger.Enqueue(order.Select(i => times[i]).ToArray(), order.Select(i => channels[i]).ToArray());
    }
}

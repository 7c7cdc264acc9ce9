using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;

namespace GroundStation.Tests.Simulator;

public sealed class OutputTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"simrun-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Run_directory_holds_timeline_summary_and_pass_and_the_ground_key_compares_with_the_satellite_record()
    {
        var sim = new PassSimulator(new PassConfig { DurationSeconds = 3 }, seed: 17);
        var events = sim.Events().ToArray();

        // Stand-in for the firmware: sift signal clicks whose basis matched, as a perfect ground station would.
        var groundKey = new List<SiftedBitRecord>();
        foreach (var e in events.Where(e => e.Origin == EventOrigin.Signal))
        {
            sim.Satellite.TryGetSent(e.Slot, out var sent);
            if (GroundStation.Simulator.Channels.BasisOf(e.Channel) == sent.Basis)
                groundKey.Add(new SiftedBitRecord(e.Slot, sent.Basis, (byte)GroundStation.Simulator.Channels.BitOf(e.Channel), sent.IntensityClass));
        }
        var rows = TimelineCsv.TruthRows(sim).Select(r => r with { Locked = r.Second >= 1, SiftedBits = 10 * r.Second, Qber = 0.02 }).ToArray();
        var comparison = KeyComparison.Compare(sim.Satellite, groundKey);
        var summary = RunSummary.FromSimulator(sim) with
        {
            SiftedBits = groundKey.Count, Qber = 0.013, LockTimeSeconds = 0.4, Alarms = ["none"], BitErrorsVsSatellite = comparison.BitErrors,
        };

        var written = RunDirectory.Write(_dir, sim, rows, summary);

        string[] timeline = File.ReadAllLines(Path.Combine(_dir, RunDirectory.TimelineFileName));
        Assert.StartsWith("t_s,detections,beacon_detections,locked,sifted_bits,qber,timing_residual_rms_ps", timeline[0]);
        Assert.Equal(rows.Length + 1, timeline.Length);
        Assert.Equal(4, rows.Length);  // the light of the last 3-4 ms arrives in ground second 3
        var second1 = timeline[2].Split(',');
        Assert.Equal("1", second1[0]);
        Assert.Equal(sim.Truth.Timeline[1].Detections.ToString(), second1[1]);
        Assert.Equal("1", second1[3]);
        Assert.Equal("10", second1[4]);
        Assert.Equal("", second1[6]);  // residual not given: empty cell
        Assert.Equal(rows.Sum(r => r.Detections), sim.Truth.Detections);

        var back = RunSummary.FromJson(File.ReadAllText(Path.Combine(_dir, RunDirectory.SummaryFileName)));
        Assert.Equal(sim.Truth.Detections, back.Detections);
        Assert.Equal(groundKey.Count, back.SiftedBits);
        Assert.Equal(sim.Truth.BasisMatchedSignalErrors, back.BitErrorsVsSatellite);
        Assert.Equal(written, back with { Alarms = written.Alarms, Truth = written.Truth });
        Assert.Equal(sim.Truth.SignalClicks, back.Truth.SignalClicks);

        Assert.Equal(new KeyComparison(groundKey.Count, sim.Truth.BasisMatchedSignalErrors, 0, 0), comparison);

        var reloaded = PassFile.Load(Path.Combine(_dir, RunDirectory.PassFileName));
        Assert.Equal(17UL, reloaded.Seed);
        Assert.Equal(3, reloaded.DurationSeconds);
    }

    [Fact]
    public void Key_comparison_separates_bit_errors_basis_mismatches_and_unknown_slots()
    {
        var sim = new PassSimulator(TestPasses.Quiet(30, 0.001), seed: 1);
        sim.Satellite.TryGetSent(10, out var a);
        sim.Satellite.TryGetSent(11, out var b);
        var ground = new[]
        {
            new SiftedBitRecord(10, a.Basis, a.Bit, a.IntensityClass),
            new SiftedBitRecord(11, b.Basis, (byte)(b.Bit ^ 1), b.IntensityClass),
            new SiftedBitRecord(10, (byte)(a.Basis ^ 1), a.Bit, a.IntensityClass),
            new SiftedBitRecord(sim.Physics.SlotCount, 0, 0, 0),
        };
        Assert.Equal(new KeyComparison(4, 1, 1, 1), KeyComparison.Compare(sim.Satellite, ground));
    }
}

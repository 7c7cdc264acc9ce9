using System.Globalization;
using GroundStation.Simulator;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;
using GroundStation.Host.Keys;
using GroundStation.Testbed.Sim;
using GroundStation.Gsctl.Commands;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// A whole simulated pass end to end (firmware on the simulation board, gsctl as host and satellite), checked against
/// the simulator's truth: the key, the lock, the counts and the files.
/// </summary>
public sealed class SimulatedPassTests(SimulatedPassFixture pass) : IClassFixture<SimulatedPassFixture>
{
    /// <summary>Generous bound around a slot's ideal arrival: 500 ps window + 220 ps skew + jitter tails.</summary>
    private const long NoiseNearSlotPs = 2000;

    [Fact]
    public void Ground_key_equals_the_satellites_except_where_a_modelled_error_flipped_the_bit()
    {
        var key = pass.Outcome.GroundKey;
        var truth = ReplayTruth();
        var satellite = pass.Simulator.Satellite;
        long errors = 0, unexplained = 0;
        foreach (var bit in key)
        {
            Assert.True(satellite.TryGetSent(bit.Slot, out var sent), $"slot {bit.Slot} is outside the pass");
            Assert.Equal(sent.Basis, bit.Basis); // sifting keeps only matching bases
            Assert.Equal(sent.IntensityClass, bit.IntensityClass);
            if (sent.Bit == bit.Bit)
            {
                continue;
            }

            errors++;
            var clicked = truth.SignalChannels.GetValueOrDefault(bit.Slot);
            var wrongBitChannel = 1 << Channels.ForBasisBit(sent.Basis, 1 - sent.Bit);
            var otherBasisChannels = sent.Basis == Channels.BasisZ ? 0b1100 : 0b0011;
            var explained = sent.PreparationError                       // left the satellite with the other bit
                            || (clicked & wrongBitChannel) != 0         // misalignment (or preparation) flipped a photon
                            || (clicked & otherBasisChannels) != 0      // cross-basis multi-click: squashed at random
                            || truth.NoiseNear(pass.Simulator.Physics.IdealArrivalGroundPs(bit.Slot)); // dark/background/afterpulse
            if (!explained)
            {
                unexplained++;
            }
        }

        Assert.True(key.Count > 50_000, $"only {key.Count} key bits");
        Assert.Equal(0, unexplained);
        Assert.InRange((double)errors / key.Count, 0.003, 0.04);
        Assert.Equal(errors, pass.Outcome.Comparison.BitErrors);
        Assert.Equal(0, pass.Outcome.Comparison.BasisMismatches + pass.Outcome.Comparison.NoRecord);
    }

    [Fact]
    public void Lock_time_detections_and_drops_are_reported()
    {
        var summary = pass.Summary;
        Assert.NotNull(summary.LockTimeSeconds);
        Assert.InRange(summary.LockTimeSeconds!.Value, 0.001, 3.0);
        // Lock-step playback: the firmware read every event the simulator produced, and did not drop clicks for lack
        // of a host that a fast-forwarded pass would otherwise seem to have. The serial line's time is real, though:
        // at culmination a burst can briefly fill all four announcement buffers, which sheds a few clicks (counted).
        Assert.Equal(pass.Simulator.Truth.Detections, summary.Detections);
        Assert.Equal(0, pass.Outcome.Firmware.TaggerOverflowed);
        Assert.InRange(pass.Outcome.Firmware.SiftDroppedClicks, 0, pass.Outcome.Firmware.Assigned / 1000);
        Assert.Equal(pass.Outcome.Firmware.SiftDroppedClicks, summary.Dropped!.SiftingClicks);
        Assert.Empty(summary.Alarms);
        Assert.NotNull(summary.Qber);
        Assert.InRange(summary.Qber!.Value, 0.002, 0.05);
        // Every sifted bit is either delivered as key or was disclosed for estimation (about 1/8).
        Assert.InRange(pass.Outcome.GroundKey.Count, 0.8 * summary.SiftedBits!.Value, 0.9 * summary.SiftedBits.Value);
    }

    [Fact]
    public void Skew_calibration_after_lock_finds_the_simulated_detector_delays()
    {
        var skew = pass.Outcome.SkewCalibration;
        Assert.True(skew.Applied, skew.Problem);
        Assert.Equal(4, skew.ChannelsApplied);
        // Started and applied at board pause points (SIM:PAUSe): exactly the collection time apart in tagger time;
        // pass seconds are the satellite's, which differ by the Doppler factor (ppm), and SIM:STAT? gives ms.
        Assert.Equal(SimulatedPassFixture.SkewSeconds, skew.AppliedAtPassSeconds - skew.StartedAtPassSeconds, 0.002);

        // The simulator delays each tagger channel by tagger.channelSkewPs (H, V, D, A, beacon); the firmware measures
        // each detector against the beacon, to the tagger's resolution and the loop's wander.
        var truth = pass.Config.Tagger.ChannelSkewPs;
        for (var channel = 0; channel < 4; channel++)
        {
            var expected = truth[channel] - truth[4];
            Assert.InRange(skew.TableWithBeaconPs[channel], expected - 25, expected + 25);
        }

        Assert.Equal(0, skew.TableWithBeaconPs[4]);
    }

    [Fact]
    public void Run_directory_files_exist_and_parse()
    {
        var summary = RunSummary.FromJson(File.ReadAllText(pass.RunFile(RunDirectory.SummaryFileName)));
        Assert.Equal(pass.Summary.SiftedBits, summary.SiftedBits);
        Assert.Equal(pass.Summary.LockTimeSeconds, summary.LockTimeSeconds);
        Assert.Equal(pass.Outcome.Comparison.BitErrors, summary.BitErrorsVsSatellite);
        Assert.Equal(SimulatedPassFixture.Seed, summary.Seed);

        var ground = SiftedKeyFile.Read(pass.RunFile(SimRunFiles.StationSiftedFileName)).Blocks.SelectMany(b => b.Entries).OrderBy(e => e.Slot).ToList();
        var satellite = SiftedKeyFile.Read(pass.RunFile(SimRunFiles.TransmitterSiftedFileName)).Blocks.SelectMany(b => b.Entries).OrderBy(e => e.Slot).ToList();
        Assert.Equal(pass.Outcome.GroundKey, ground.Select(e => new SiftedBitRecord(e.Slot, e.Basis, e.Bit, e.IntensityClass)));
        Assert.Equal(ground.Select(b => (b.Slot, b.Basis, b.IntensityClass)), satellite.Select(b => (b.Slot, b.Basis, b.IntensityClass)));
        Assert.Equal(summary.BitErrorsVsSatellite, ground.Zip(satellite).Count(p => p.First.Bit != p.Second.Bit));

        var lines = File.ReadAllLines(pass.RunFile(RunDirectory.TimelineFileName));
        Assert.Equal(TimelineCsv.Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        // One row per second of ground time; the light of the last slots arrives a few ms after 6 s: a 7th row.
        Assert.Equal(pass.Simulator.Truth.Timeline.Count, rows.Length);
        Assert.InRange(rows.Length, 6, 7);
        rows = rows[..6];
        Assert.All(rows, r => Assert.Equal("1", r[3])); // locked in every second (lock comes within the first)
        var siftedPerSecond = rows.Sum(r => long.Parse(r[4], CultureInfo.InvariantCulture));
        Assert.InRange(siftedPerSecond, 0.9 * summary.SiftedBits!.Value, summary.SiftedBits.Value);
        Assert.Contains(rows, r => r[5].Length > 0); // some block was estimated in some second
        Assert.All(rows, r => Assert.InRange(double.Parse(r[6], CultureInfo.InvariantCulture), 50, 1000));
        Assert.True(File.Exists(pass.RunFile(RunDirectory.PassFileName)));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(pass.RunDirectoryPath)!, ".*partial*"));
    }

    /// <summary>Which detector channels each source slot's photons clicked, and every noise click, from a replay.</summary>
    private SlotTruth ReplayTruth()
    {
        var replay = new PassSimulator(pass.Config, SimulatedPassFixture.Seed);
        var channels = new Dictionary<long, int>();
        var noise = new List<long>();
        foreach (var e in replay.Events())
        {
            if (e.Channel >= Channels.Beacon)
            {
                continue;
            }

            if (e.Origin == EventOrigin.Signal)
            {
                channels[e.Slot] = channels.GetValueOrDefault(e.Slot) | (1 << e.Channel);
            }
            else
            {
                noise.Add(e.TimePs);
            }
        }

        return new SlotTruth(channels, noise);
    }

    private sealed record SlotTruth(Dictionary<long, int> SignalChannels, List<long> NoiseTimesPs)
    {
        public bool NoiseNear(double groundPs)
        {
            var i = NoiseTimesPs.BinarySearch((long)groundPs - NoiseNearSlotPs);
            i = i < 0 ? ~i : i;
            return i < NoiseTimesPs.Count && NoiseTimesPs[i] <= groundPs + NoiseNearSlotPs;
        }
    }

    [Fact]
    public void When_the_run_cannot_be_written_at_the_end_it_is_kept_in_the_temporary_folder_and_said_in_one_line()
    {
        // /proc refuses new directories: the write fails after the pass, as a full or vanished disk would.
        var e = Assert.Throws<GroundStation.Gsctl.Cli.UserError>(() => RunOutput.Write("/proc/gsctl-run", pass.Simulator, pass.Outcome));

        var kept = System.Text.RegularExpressions.Regex.Match(e.Message, @"the run is kept in (\S+)$").Groups[1].Value;
        Assert.StartsWith("writing the run to /proc/gsctl-run failed (", e.Message);
        Assert.StartsWith(Path.GetTempPath(), kept);
        try
        {
            Assert.Equal(File.ReadAllBytes(pass.RunFile(SimRunFiles.StationSiftedFileName)), File.ReadAllBytes(Path.Combine(kept, SimRunFiles.StationSiftedFileName)));
            Assert.True(File.Exists(Path.Combine(kept, RunDirectory.SummaryFileName)));
        }
        finally
        {
            Directory.Delete(kept, recursive: true);
        }
    }
}

using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;
using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The C timing engine against the managed one on tagger streams a real tagger or a broken link can produce:
/// roll-over-sized time jumps (forward and back), gaps, out-of-order and duplicate records, garbage channel bytes,
/// extreme timestamps (the wrap-around paths of the C# unchecked arithmetic), beacon bursts at extreme rates, control
/// calls at random moments; and the fixed-point primitives on random and boundary operands.
/// </summary>
public class TimingFuzzTests
{
    [NativeTheory]
    [InlineData(100_000_000L, 10_000, 36, 1)]
    [InlineData(100_000_000L, 10_000, 34, 2)]
    [InlineData(1_000_000_000L, 100_000, 33, 3)]
    [InlineData(10_000_000_000L, 1_000_000, 37, 4)]
    [InlineData(10_000_000L, 1_000, 38, 5)]
    public void Mutated_pass_streams_give_identical_results(long pulseRateHz, int beaconPeriodSlots, int loopLog2, int seed)
    {
        var scenario = new TimingScenario
        {
            PulseRateHz = pulseRateHz, BeaconPeriodSlots = beaconPeriodSlots, DurationSeconds = 6, PassZenithSeconds = 3,
            PassMaxDopplerPpm = 23, ClockOffsetPpm = 20 - (7 * seed), Seed = seed, DetectionRateHz = 6000,
            BeaconBackgroundHz = 1000, ChannelSkewPs = [150, -230, 410, -80],
        };
        var config = new TimingConfig
        {
            PulseRateHz = pulseRateHz, BeaconPeriodSlots = beaconPeriodSlots, LoopTimeConstantLog2Ps = loopLog2,
            HoldoverMaxMs = 300,
        };
        var random = new Random(1000 + seed);
        var mutator = new StreamMutator(random);
        using var twin = new TimingTwin(config);
        twin.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, 1_000_000_000);
        twin.Run(scenario, new Random(seed), (t, _) => RandomControlCall(t, random), mutator.Mutate);

        var c = twin.Managed.Counters;
        Assert.True(c.Locks >= 1, "never locked: the locked paths were not exercised");
        Assert.True(c.DroppedUnknownChannel > 0 && mutator.Jumps > 0 && mutator.Extremes > 0,
            $"unknown {c.DroppedUnknownChannel}, jumps {mutator.Jumps}, extremes {mutator.Extremes}");
    }

    [NativeFact]
    public void Extreme_rates_give_identical_results()
    {
        // A bench source: 400 kcounts/s of detections, half the beacons detected under 20 kHz of beacon-channel
        // background, a clock 140 ppm off (near the edge of the +-150 ppm search) and a fast rate change.
        var scenario = new TimingScenario
        {
            DurationSeconds = 2, PassZenithSeconds = 1, PassMaxDopplerPpm = 5, PassMaxRateChangePpmPerSecond = 2,
            ClockOffsetPpm = 140, Seed = 8, DetectionRateHz = 400_000, DetectorBackgroundHz = 20_000,
            BeaconDetectionProbability = 0.5, BeaconBackgroundHz = 20_000,
        };
        using var twin = new TimingTwin(new TimingConfig());
        twin.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, 1_000_000_000);
        twin.Run(scenario, new Random(8));

        Assert.Equal(TimingState.Locked, twin.Managed.State);
        Assert.True(twin.Written > 300_000, $"{twin.Written} written");
    }

    [NativeFact]
    public void Random_records_over_the_whole_64_bit_range_give_identical_results()
    {
        var random = new Random(77);
        using var twin = new TimingTwin(new TimingConfig());
        var t = new long[4096];
        var ch = new byte[4096];
        var now = 0L;
        for (var round = 0; round < 60; round++)
        {
            for (var i = 0; i < t.Length; i++)
            {
                // A beacon-like comb (100 us, some jitter) mixed with random steps and arbitrary 64-bit values.
                now += random.Next(6) switch
                {
                    0 => random.NextInt64(),
                    1 => -random.NextInt64(0, 1L << 40),
                    2 => 0,
                    _ => 100_000_000 + random.Next(-200, 200),
                };
                t[i] = random.Next(50) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : now;
                ch[i] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)4;
            }

            twin.FeedChopped(t, ch, t.Length, random);
        }

        Assert.True(twin.Managed.Counters.BeaconEvents > 100_000);
    }

    [NativeFact]
    public void MulShift_equals_the_managed_one_on_boundary_and_random_operands()
    {
        var random = new Random(5);
        long[] edges =
        [
            0, 1, -1, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 31, -(1L << 31), (1L << 31) + 1, (1L << 26),
            -(1L << 26), (1L << 26) + 1, 1L << 36, -(1L << 36), (1L << 36) + 1, (1L << 32) - 1, 1L << 62, -(1L << 62),
        ];
        for (var i = 0; i < 200_000; i++)
        {
            var a = random.Next(3) == 0 ? edges[random.Next(edges.Length)] : RandomWidth(random);
            var b = random.Next(3) == 0 ? edges[random.Next(edges.Length)] : RandomWidth(random);
            var shift = random.Next(65);
            Assert.Equal(FixedPoint.MulShift(a, b, shift), NativeTimingArithmetic.MulShift(a, b, shift));
        }
    }

    [NativeFact]
    public void NearestSlot_equals_the_managed_one_in_every_evaluation_case()
    {
        var random = new Random(6);
        var model = new ClockModel();
        var cases = new int[3];
        for (var i = 0; i < 200_000; i++)
        {
            model.AnchorGroundPs = RandomWidth(random);
            model.AnchorSlot = RandomWidth(random);
            model.AnchorFraction = random.NextInt64(1L << 24);
            model.SlotsPerPsQ64 = random.Next(4) == 0 ? RandomWidth(random) : 1_844_674_407_370_955L + random.NextInt64(-1L << 44, 1L << 44);
            model.RateChangePer2p40Ps = RandomWidth(random);
            var u = random.Next(3) switch
            {
                0 => random.NextInt64(1L << 32),
                1 => random.NextInt64(1L << 36),
                _ => RandomWidth(random),
            };
            var t = unchecked(model.AnchorGroundPs + u);
            cases[u >= 0 && u < 1L << 32 && Math.Abs(model.RateChangePer2p40Ps) <= 1L << 31 ? 0 : u >= 0 && u < 1L << 36 ? 1 : 2]++;
            var managed = model.NearestSlot(t, out var managedResidual);
            var native = NativeTimingArithmetic.NearestSlot(model, t, out var nativeResidual);
            Assert.Equal(managed, native);
            Assert.Equal(managedResidual, nativeResidual);
        }

        Assert.All(cases, n => Assert.True(n > 10_000, string.Join(", ", cases)));
    }

    /// <summary>A random long whose magnitude has a random number of bits (0..63), either sign.</summary>
    private static long RandomWidth(Random random)
    {
        var bits = random.Next(64);
        var value = bits == 0 ? 0 : random.NextInt64(1L << Math.Min(bits, 62)) << Math.Max(0, bits - 62);
        return random.Next(2) == 0 ? value : -value;
    }

    /// <summary>Now and then a control call the app could make at any moment, on both engines.</summary>
    private static void RandomControlCall(TimingTwin twin, Random random)
    {
        switch (random.Next(400))
        {
            case 0:
                twin.SetCoincidenceWindowPs(random.Next(1, 5000));
                break;
            case 1:
                twin.SetSkewTablePs([random.Next(-500, 500), random.Next(-500, 500)]);
                break;
            case 2:
                twin.StartSkewCalibration();
                break;
            case 3:
                twin.ApplySkewCalibration(random.Next(1, 300));
                break;
            case 4:
                // A prediction that may be wrong by slots or frames, with any stated uncertainty.
                var m = twin.Managed.Model;
                twin.SetCoarsePrediction(m.AnchorGroundPs + random.NextInt64(-(1L << 40), 1L << 40),
                    m.AnchorSlot + random.NextInt64(-1_000_000, 1_000_000), random.NextInt64(-(1L << 42), 1L << 42));
                break;
        }
    }

    /// <summary>Rewrites each generated batch the way a faulty tagger or link would.</summary>
    private sealed class StreamMutator(Random random)
    {
        private static readonly long[] JumpsPs = [1L << 40, 1L << 44, 1L << 48, -(1L << 40), -1_000_000, 3_000_000_000_000];
        private readonly List<(long T, byte C)> _out = new();
        private long _shiftPs;
        private int _batches;

        public int Jumps { get; private set; }
        public int Extremes { get; private set; }

        public int Mutate(TimingBatch batch)
        {
            _out.Clear();
            if (random.Next(400) == 0)
            {
                return 0; // a gap: the whole batch lost
            }

            _batches++;
            if (random.Next(1500) == 0 || _batches == 1000)
            {
                _shiftPs = unchecked(_shiftPs + JumpsPs[random.Next(JumpsPs.Length)]);
                Jumps++;
            }

            if (random.Next(1000) == 0 && batch.Count > 0)
            {
                // A beacon-channel burst at 1 GHz (afterpulsing, a light leak).
                for (var k = 0; k < 64; k++)
                {
                    _out.Add((unchecked(batch.TimestampsPs[0] + _shiftPs + (k * 1000L)), 4));
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var t = unchecked(batch.TimestampsPs[i] + _shiftPs);
                var c = batch.Channels[i];
                var r = random.Next(2000);
                if (_batches == 1500 && i == 0)
                {
                    r = 8; // at least one extreme timestamp per run
                }

                if (r < 4)
                {
                    c = (byte)random.Next(256); // garbage channel byte
                }
                else if (r < 8)
                {
                    _out.Add((t, c)); // duplicate record
                }
                else if (r == 8 && (random.Next(300) == 0 || (_batches == 1500 && i == 0)))
                {
                    t = random.Next(4) switch
                    {
                        0 => long.MaxValue,
                        1 => long.MinValue,
                        2 => long.MaxValue - random.NextInt64(1L << 40),
                        _ => random.NextInt64(long.MinValue, long.MaxValue),
                    };
                    Extremes++;
                }

                _out.Add((t, c));
                if (r >= 9 && r < 20 && _out.Count >= 2)
                {
                    // Out of order: swap with the record before.
                    (_out[^1], _out[^2]) = (_out[^2], _out[^1]);
                }
            }

            var n = Math.Min(_out.Count, batch.TimestampsPs.Length);
            for (var i = 0; i < n; i++)
            {
                batch.TimestampsPs[i] = _out[i].T;
                batch.Channels[i] = _out[i].C;
            }

            return n;
        }
    }
}

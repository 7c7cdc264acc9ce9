using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The native over-light windows (gs_overlight) against SpcmController + SlidingCountWindow (the reference): the
/// same trips (channel and crossing detection's time) in the same order, and the same count in every window after
/// every batch, on fuzzed batches with floods, silences, late records, foreign channels, clears and re-enables.
/// </summary>
public class OverlightDifferentialTests
{
    private const int Detectors = 4;

    [NativeTheory]
    [InlineData(1, 1_000_000_000L)]  // 1 ms: the frame fits 31 bits, the bucket is a 32-bit division
    [InlineData(2, 3_000_000_000L)]  // 3 ms: it does not, the bucket is a 64-bit division
    [InlineData(3, 1_000L)]
    [InlineData(4, 16L)]             // the smallest window: 1 ps buckets
    [InlineData(5, 999_999_999L)]    // not a multiple of 16
    public void Native_windows_trip_and_count_as_the_managed_controller(int seed, long windowPs)
    {
        var random = new Random(seed);
        var clock = new VirtualClock();
        var channels = new SpcmChannel[Detectors];
        for (int c = 0; c < Detectors; c++)
        {
            channels[c] = new SpcmChannel(new FakeDigitalOutput(10 + c, "en", clock), new FakeDigitalOutput(20 + c, "gate", clock), null)
            {
                MaxCountsPerWindow = random.Next(3, 60),
            };
        }

        var controller = new SpcmController(channels, Array.Empty<Mcp4922>(), null, null, clock, windowPs);
        var managedTrips = new List<(int Channel, long Ps)>();
        controller.Faulted += (channel, fault, ps, us) => managedTrips.Add((channel, ps));
        for (int c = 0; c < Detectors; c++)
        {
            controller.SetChannelOn(c, true);
        }

        using var native = new NativeOverlight(Detectors, windowPs);
        Assert.Equal(windowPs / 16 * 16, native.WindowPicoseconds);
        var nativeTrips = new List<(int Channel, long Ps)>();
        uint latched = 0;
        var limits = new int[Detectors];
        var times = new long[300];
        var batchChannels = new byte[300];
        long t = random.NextInt64(0, 1L << 40);
        int countChecks = 0;
        for (int batch = 0; batch < 3000; batch++)
        {
            // Limits are read per batch; sometimes an operator changes one.
            if (random.Next(50) == 0)
            {
                channels[random.Next(Detectors)].MaxCountsPerWindow = random.Next(1, 80);
            }

            int n = random.Next(0, times.Length + 1);
            long step = random.Next(4) switch
            {
                0 => Math.Max(1, windowPs / 200), // a flood
                1 => Math.Max(1, windowPs / 20),
                2 => Math.Max(1, windowPs / 3),
                _ => windowPs * 2,                // sparse
            };
            for (int i = 0; i < n; i++)
            {
                t += random.NextInt64(0, step + 1);
                if (random.Next(500) == 0)
                {
                    t += windowPs * random.Next(1, 40); // a silence of whole frames
                }

                times[i] = random.Next(40) == 0 ? Math.Max(0, t - random.NextInt64(0, windowPs)) : t; // a late one
                batchChannels[i] = (byte)(random.Next(10) < 8 ? random.Next(Detectors) : random.Next(8));
            }

            controller.OnDetections(times, batchChannels, 0, n);

            for (int c = 0; c < Detectors; c++)
            {
                limits[c] = channels[c].MaxCountsPerWindow;
            }

            int channel = 0;
            while (native.Batch(times, batchChannels, 0, n, limits, latched, ref channel, out int index) == NativeOverlight.Trip)
            {
                nativeTrips.Add((channel, times[index]));
                latched |= 1u << channel; // the controller gates and latches it
                channel++;
            }

            Assert.Equal(managedTrips, nativeTrips);
            for (int c = 0; c < Detectors; c++)
            {
                Assert.Equal(controller.CountsInWindow(c), native.Count(c));
                countChecks++;
            }

            // The operator clears a latch (the channel switches back on: its window restarts), or re-enables one.
            if (random.Next(8) == 0)
            {
                int c = random.Next(Detectors);
                if (controller.ClearFault(c))
                {
                    latched &= ~(1u << c);
                    native.Clear(c);
                }
            }
        }

        Assert.True(managedTrips.Count > 20, "the stream trips the windows");
        Assert.Equal(3000 * Detectors, countChecks);
    }
}

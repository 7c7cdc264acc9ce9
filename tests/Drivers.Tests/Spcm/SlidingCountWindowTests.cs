using GroundStation.Firmware.Drivers.Spcm;

namespace GroundStation.Tests.Drivers.Spcm;

public class SlidingCountWindowTests
{
    /// <summary>One detection on channel 0 through the batch entry point; true when it put the window over the limit.</summary>
    private static bool AddOne(SlidingCountWindow window, long t, int limit)
        => window.Add([t], [0], 0, 1, 0, limit) == 0;

    private const long WindowPs = 1_000_000_000; // 1 ms: 16 buckets of 62.5 us

    /// <summary>The definition: detections so far whose bucket (t / width) is within 15 of the newest one's.</summary>
    private static int Reference(List<long> times, long widthPs)
    {
        var newest = times[^1] / widthPs;
        var count = 0;
        for (var i = times.Count - 1; i >= 0 && times[i] / widthPs >= newest - 15; i--)
        {
            count++; // times never decrease, so the scan stops at the first one outside
        }

        return count;
    }

    [Theory]
    [InlineData(1, 200_000L)] // ~5 kHz: each detection opens a bucket, some leave
    [InlineData(2, 5_000_000L)] // ~200 kHz: several per bucket
    [InlineData(3, 300_000_000L)] // ~3 kHz with silences longer than the window
    [InlineData(4, 30_000L)] // ~33 MHz: floods
    public void Count_equals_the_bucket_definition_on_random_streams(int seed, long meanGapPs)
    {
        var random = new Random(seed);
        var window = new SlidingCountWindow(WindowPs);
        var width = window.WindowPicoseconds / SlidingCountWindow.Buckets;
        var times = new List<long>();
        var t = random.NextInt64(0, 1L << 40);
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly exponential-ish gaps, sometimes equal times or a long silence (15..17 buckets, across the reset).
            t += random.Next(10) switch
            {
                0 => 0,
                1 => random.NextInt64(14 * width, 18 * width),
                _ => random.NextInt64(0, 2 * meanGapPs),
            };
            times.Add(t);
            var expected = Reference(times, width);
            var limit = random.Next(0, 40);
            Assert.Equal(expected > limit, AddOne(window, t, limit));
            Assert.Equal(expected, window.Count);
        }
    }

    [Fact]
    public void Buckets_are_aligned_to_multiples_of_the_width()
    {
        var window = new SlidingCountWindow(16_000);
        AddOne(window, 999, 10); // bucket 0 of width 1000
        AddOne(window, 15_999, 10); // bucket 15: bucket 0 still counts
        Assert.Equal(2, window.Count);
        Assert.False(AddOne(window, 16_000, 2)); // bucket 16: bucket 0 left, however close 999 is
        Assert.Equal(2, window.Count);
        Assert.True(AddOne(window, 16_001, 2)); // a third one in the window: over the limit of 2
    }

    [Fact]
    public void Clear_forgets_everything()
    {
        var window = new SlidingCountWindow(WindowPs);
        for (var i = 0; i < 10; i++)
        {
            AddOne(window, 1_000_000L * i, 100);
        }

        window.Clear();
        Assert.Equal(0, window.Count);
        Assert.True(AddOne(window, 10_000_000, 0)); // the only detection now, one over a limit of 0
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void A_time_stepping_back_counts_in_the_current_bucket()
    {
        var window = new SlidingCountWindow(16_000);
        AddOne(window, 20_500, 10); // bucket 20 (frame 16..31)
        AddOne(window, 3_000, 10); // back by more than a frame (a bad record): counted now, as one more in bucket 20
        Assert.Equal(2, window.Count);
        AddOne(window, 35_999, 10); // bucket 35: buckets 20..35 still in the window
        Assert.Equal(3, window.Count);
        AddOne(window, 36_000, 10); // bucket 36: bucket 20 (with both) left
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void A_batch_adds_only_its_channel_and_stops_at_the_detection_over_the_limit()
    {
        // Channel 2's detections at 10, 20, .. ns among channel 0 and 1 ones; limit 5: the 6th of channel 2 crosses.
        var times = new List<long>();
        var channels = new List<byte>();
        for (var i = 0; i < 30; i++)
        {
            times.Add(10_000L * i);
            channels.Add((byte)(i % 3 == 2 ? 2 : i % 3));
        }

        var window = new SlidingCountWindow(WindowPs);
        var over = window.Add(times.ToArray(), channels.ToArray(), 0, times.Count, 2, 5);
        Assert.Equal(17, over); // channel 2 at indices 2, 5, 8, 11, 14, 17: the sixth
        Assert.Equal(6, window.Count);
        Assert.Equal(times.Count, window.Add(times.ToArray(), channels.ToArray(), over + 1, times.Count, 2, 100));
        Assert.Equal(10, window.Count);
    }
}

using GroundStation.Testbed.Satellite;
using GroundStation.Protocol.Sifting;
using static GroundStation.Tests.Sifting.Harness;

namespace GroundStation.Tests.Sifting;

public class EndToEndTests
{
    private const int H = 0, V = 1, D = 2, A = 3, Beacon = 4;

    [Fact]
    public void Hand_built_pass_gives_exactly_the_expected_bits_per_class_on_both_sides()
    {
        var record = new TestRecord()
            .Add(10, 0, 0, 0)   // Z0 signal, ground H: match
            .Add(20, 0, 1, 0)   // Z1 signal, ground A (X): no match
            .Add(25, 1, 0, 1)   // X0 decoy, ground D: match
            .Add(31, 0, 1, 2)   // Z1 vacuum, ground V: match
            .Add(50, 1, 1, 0)   // X1 signal, ground A: match
            .Add(55, 0, 1, 0)   // Z1 signal, ground H: match with a bit error
            .Add(60, 1, 0, 1);  // X0 decoy, ground D: match
        var loop = Loop(SmallConfig(), record);

        Feed(loop, (10, H), (20, A), (25, D), (31, V), (40, Beacon), (41, V), (50, A), (55, H), (60, D));
        loop.FinishPass();

        Assert.Equal(new byte[] { 0, 1, 0 }, HostKey(loop, SiftCodes.ClassSignal));
        Assert.Equal(new byte[] { 0, 1, 1 }, SatelliteKey(loop, SiftCodes.ClassSignal));
        Assert.Equal(new byte[] { 0, 0 }, HostKey(loop, SiftCodes.ClassDecoy));
        Assert.Equal(new byte[] { 0, 0 }, SatelliteKey(loop, SiftCodes.ClassDecoy));
        Assert.Equal(new byte[] { 1 }, HostKey(loop, SiftCodes.ClassVacuum));
        Assert.Equal(new byte[] { 1 }, SatelliteKey(loop, SiftCodes.ClassVacuum));

        // Bases travel with the bits: signal bits came from Z, X, Z.
        Assert.Equal(new byte[] { 0, 1, 0 }, Bases(loop.HostBlocks.Single(), SiftCodes.ClassSignal));

        var c = loop.Ground.Counters;
        Assert.Equal(9, c.Clicks);
        Assert.Equal(1, c.IgnoredClicks);
        Assert.Equal(8, c.AnnouncedSlots);
        Assert.Equal(6, c.SiftedBits);
        Assert.Equal(1, c.DetectionsInClass(SiftCodes.ClassNotSent));
        Assert.Equal(4, c.DetectionsInClass(SiftCodes.ClassSignal));
        Assert.Equal(3, c.SiftedInClass(SiftCodes.ClassSignal));
        Assert.Equal(6, c.BitsDelivered);
        Assert.Equal(0, c.InternalErrors + c.MalformedPayloads + c.UnexpectedMessages);
        Assert.Equal(0, ProtocolErrors(loop));
    }

    [Fact]
    public void Blocks_are_numbered_and_cut_identically_on_both_sides()
    {
        var record = new TestRecord();
        var detections = new List<(long, int)>();
        for (var i = 0; i < 20; i++)
        {
            record.Add(100 + 3 * i, 0, i % 2, i % 3);
            detections.Add((100 + 3 * i, i % 2 == 0 ? H : V));
        }

        var loop = Loop(SmallConfig(blockBits: 8), record);
        Feed(loop, detections.ToArray());
        loop.FinishPass();

        Assert.Equal(new uint[] { 0, 1, 2 }, loop.HostBlocks.Select(b => b.Number).ToArray());
        Assert.Equal(new[] { 8, 8, 4 }, loop.HostBlocks.Select(b => b.Entries.Count).ToArray());
        foreach (var block in loop.HostBlocks)
        {
            var satellite = loop.Transmitter.Ledger.Block(block.Number)!;
            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                Assert.Equal(Bits(satellite, c), Bits(block, c));
                Assert.Equal(Bases(satellite, c), Bases(block, c));
            }
        }
    }

    [Fact]
    public void Seeded_pass_matches_an_independent_sift_of_the_truth_on_both_sides()
    {
        var record = new SeededSatelliteRecord(42);
        var generator = new DetectionStreamGenerator(43, record) { ErrorRate = 0.05, MeanSlotGap = 500 };
        var slots = new long[60_000];
        var channels = new byte[slots.Length];
        generator.Fill(slots, channels, slots.Length, 0, out var n);

        // Independent sift: the bits each side must end up with, per class.
        var expectedGround = new List<byte>[3] { new(), new(), new() };
        var expectedSatellite = new List<byte>[3] { new(), new(), new() };
        for (var i = 0; i < n; i++)
        {
            record.TryGet(slots[i], out var basis, out var bit, out var cls);
            if (basis == channels[i] / 2)
            {
                expectedGround[cls].Add((byte)(channels[i] % 2));
                expectedSatellite[cls].Add(bit);
            }
        }

        var loop = Loop(new GroundStation.Firmware.Sifting.SiftingConfig(GroundStation.Firmware.Sifting.ReceiverMap.Default()), record);
        for (var offset = 0; offset < n; offset += 1000)
        {
            loop.Feed(slots, channels, offset, Math.Min(1000, n - offset));
        }

        loop.FinishPass();

        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expectedGround[c], HostKey(loop, c));
            Assert.Equal(expectedSatellite[c], SatelliteKey(loop, c));
        }

        var total = expectedGround.Sum(l => l.Count);
        Assert.InRange(total, 0.45 * n, 0.55 * n); // ideal 50 % for balanced bases
        Assert.Equal(total, loop.Ground.Counters.BitsDelivered);
        Assert.Equal(0, loop.Ground.Counters.DroppedSlots);
    }

    [Fact]
    public void Sampled_bits_are_removed_identically_and_the_rest_is_delivered()
    {
        var record = new TestRecord();
        var detections = new List<(long, int)>();
        for (var i = 0; i < 100; i++)
        {
            record.Add(10 * i, 0, (i * 7 >> 2) & 1);
            detections.Add((10 * i, (i * 7 >> 2) & 1));
        }

        var loop = Loop(SmallConfig(batch: 16, blockBits: 128), record);
        loop.SampleBits = 40;
        Feed(loop, detections.ToArray());
        loop.FinishPass();

        var result = loop.Results.Single();
        Assert.Equal(40, result.Sampled[Cell(0, 0)]);
        Assert.Equal(0, result.Errors.Sum());
        Assert.Equal(60, HostKey(loop, 0).Count);
        Assert.Equal(SatelliteKey(loop, 0), HostKey(loop, 0));
        Assert.Equal(40, loop.Ground.Counters.BitsDisclosed);
        Assert.Equal(0, ProtocolErrors(loop));
    }

    [Theory]
    [InlineData(1, 1, 4)]
    [InlineData(2, 127, 4)]
    [InlineData(3, 256, 4)]
    [InlineData(4, 1000, 4)]
    [InlineData(5, 1000, 40)]
    public void Detections_and_sifted_bits_are_counted_per_class_over_long_replies(int seed, int batch, int classSpread)
    {
        // Replies of up to 1000 detections (class bytes counted four pairs at a time, in runs of 32 bytes) with every
        // class, not-sent slots among them, and one reply mostly of one class: the counters must equal the record's
        // own tally.
        var random = new Random(seed);
        var record = new TestRecord();
        var slots = new long[3000];
        var channels = new byte[slots.Length];
        var detected = new long[4];
        var sifted = new long[3];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = 10 + (3 * i);
            var role = random.Next(4);
            channels[i] = (byte)role;
            var draw = random.Next(classSpread);
            var intensityClass = draw < 4 ? draw : 0;
            detected[intensityClass]++;
            if (intensityClass < 3)
            {
                var basis = random.Next(2);
                record.Add(slots[i], basis, random.Next(2), intensityClass);
                if (basis == role >> 1)
                {
                    sifted[intensityClass]++;
                }
            }
        }

        var config = SmallConfig(batch: batch, batches: 4, blockBits: 1024, blocks: 4);
        config.MaxPayloadBytes = 4096;
        var loop = Loop(config, record);
        loop.SampleBits = 0;
        loop.Feed(slots, channels, 0, slots.Length);
        loop.FinishPass();

        var c = loop.Ground.Counters;
        Assert.Equal(detected, Enumerable.Range(0, 4).Select(k => c.DetectionsInClass(k)).ToArray());
        Assert.Equal(sifted, Enumerable.Range(0, 3).Select(k => c.SiftedInClass(k)).ToArray());
        Assert.Equal(sifted.Sum(), c.SiftedBits);
    }
}

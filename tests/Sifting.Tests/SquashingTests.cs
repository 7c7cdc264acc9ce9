using GroundStation.Hal.Fakes;
using GroundStation.Protocol.Sifting;
using static GroundStation.Tests.Sifting.Harness;

namespace GroundStation.Tests.Sifting;

public class SquashingTests
{
    private const int H = 0, V = 1, D = 2, A = 3;

    [Fact]
    public void Multi_clicks_are_squashed_with_the_boards_random_source_and_counted()
    {
        // Replay the sifter's draws: slot 10 (H+V) draws a bit; slots 20 (H+D) and 40 (H+V+D) a basis then a bit.
        var rng = new SeededRandomSource(99);
        int Bit() => (int)(rng.NextUInt32() >> 31);
        int Basis() => ((ulong)rng.NextUInt32() * 1_000_000UL >> 32) < 500_000 ? 0 : 1;
        var bit10 = Bit();
        var (basis20, bit20) = (Basis(), Bit());
        var (basis40, bit40) = (Basis(), Bit());

        // The satellite sent exactly what the squashed events say, so every slot sifts and shows its squashed bit.
        var record = new TestRecord().Add(10, 0, bit10).Add(20, basis20, bit20).Add(30, 0, 0).Add(40, basis40, bit40).Add(50, 1, 1);
        var loop = Loop(SmallConfig(), record, seed: 99);

        Feed(loop, (10, H), (10, V), (20, H), (20, D), (30, H), (30, H), (40, H), (40, V), (40, D), (50, A));
        loop.FinishPass();

        var c = loop.Ground.Counters;
        Assert.Equal(1, c.SameBasisDoubleClicks);
        Assert.Equal(2, c.CrossBasisMultiClicks);
        Assert.Equal(1, c.DuplicateClicks);
        Assert.Equal(2, c.SingleClickSlots);
        Assert.Equal(10, c.Clicks);
        Assert.Equal(5, c.AnnouncedSlots);
        Assert.Equal(5, c.SiftedBits);
        Assert.Equal(new byte[] { (byte)bit10, (byte)bit20, 0, (byte)bit40, 1 }, HostKey(loop, SiftCodes.ClassSignal));
        Assert.Equal(SatelliteKey(loop, SiftCodes.ClassSignal), HostKey(loop, SiftCodes.ClassSignal));
    }

    [Fact]
    public void A_slot_split_across_two_input_batches_is_still_one_slot()
    {
        var loop = Loop(SmallConfig(), new TestRecord().Add(7, 0, 0));
        Feed(loop, (7, H));
        Feed(loop, (7, V));
        loop.FinishPass();

        Assert.Equal(1, loop.Ground.Counters.SameBasisDoubleClicks);
        Assert.Equal(1, loop.Ground.Counters.AnnouncedSlots);
    }

    [Fact]
    public void Clicks_out_of_slot_order_are_counted_not_used()
    {
        var loop = Loop(SmallConfig(), new TestRecord().Add(7, 0, 0).Add(9, 0, 1));
        Feed(loop, (7, H), (9, V), (8, H), (9, V));
        Feed(loop, (3, H));
        loop.FinishPass();

        var c = loop.Ground.Counters;
        Assert.Equal(2, c.OutOfOrderClicks);
        Assert.Equal(1, c.DuplicateClicks);
        Assert.Equal(2, c.AnnouncedSlots);
    }

    [Fact]
    public void Biased_receiver_draws_cross_basis_clicks_with_its_splitter_probability()
    {
        var config = SmallConfig(batch: 256, blockBits: 4096);
        config.Receiver = GroundStation.Firmware.Sifting.ReceiverMap.Default(900_000);
        config.MaxPayloadBytes = 2048;
        var record = new TestRecord();
        var loop = Loop(config, record);
        var slots = new long[4000];
        var channels = new byte[4000];
        for (var i = 0; i < 2000; i++)
        {
            slots[2 * i] = slots[2 * i + 1] = i;
            channels[2 * i] = H;
            channels[2 * i + 1] = A;
            record.Add(i, 0, 0);
        }

        loop.Feed(slots, channels, 0, slots.Length);
        loop.FinishPass();

        Assert.Equal(2000, loop.Ground.Counters.CrossBasisMultiClicks);
        Assert.InRange(loop.Ground.Counters.SiftedBits, 1740, 1860); // Z chosen 90 % (3 sigma ~ 40)
        Assert.Equal(810_000 + 10_000, config.Receiver.IdealMatchFractionPpm(900_000));
    }
}

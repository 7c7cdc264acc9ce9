using GroundStation.Hal.Fakes;
using GroundStation.Host.Transmitter;

namespace GroundStation.Testbed.Satellite;

/// <summary>
/// Generated detections with known truth for sifting tests and benchmarks: slots with random gaps, a passive
/// receiver on the default channel map (0 H, 1 V, 2 D, 3 A) choosing Z with its splitter probability, the sent bit
/// when the bases agree (flipped with <see cref="ErrorRate"/>), a random bit otherwise, and occasional extra clicks.
/// </summary>
public sealed class DetectionStreamGenerator(ulong seed, ITransmitterRecord record)
{
    private readonly SeededRandomSource _random = new(seed);

    public int ReceiverZProbabilityPpm { get; init; } = 500_000;

    /// <summary>Probability that a basis-matched detection reports the wrong bit (the channel's QBER).</summary>
    public double ErrorRate { get; init; }

    /// <summary>Probability that a slot has a second click on another detector (multi-click).</summary>
    public double MultiClickRate { get; init; }

    /// <summary>Mean number of empty slots between detections (10 000 ≈ 10 kcounts/s at 100 MHz).</summary>
    public double MeanSlotGap { get; init; } = 10_000;

    /// <summary>Fills caller arrays with <paramref name="count"/> detections after <paramref name="previousSlot"/>; returns the last slot.</summary>
    public long Fill(long[] slots, byte[] channels, int count, long previousSlot, out int written)
    {
        written = 0;
        var slot = previousSlot;
        while (written < count)
        {
            slot += 1 + (long)(-Math.Log(1 - Uniform()) * MeanSlotGap);
            var basis = Uniform() * 1e6 < ReceiverZProbabilityPpm ? 0 : 1;
            int bit;
            if (record.TryGet(slot, out var sentBasis, out var sentBit, out _) && sentBasis == basis)
            {
                bit = sentBit ^ (Uniform() < ErrorRate ? 1 : 0);
            }
            else
            {
                bit = (int)(_random.NextUInt32() >> 31);
            }

            slots[written] = slot;
            channels[written++] = (byte)(basis * 2 + bit);
            if (written < count && Uniform() < MultiClickRate)
            {
                slots[written] = slot;
                channels[written++] = (byte)((basis * 2 + bit + 1 + (int)(Uniform() * 3)) % 4);
            }
        }

        return slot;
    }

    private double Uniform() => (_random.NextUInt32() + 0.5) / 4294967296.0;
}

using GroundStation.Simulator.Config;
using GroundStation.Simulator.Randomness;

namespace GroundStation.Simulator.Source;

/// <summary>
/// The satellite's record of what it sent: basis, bit and intensity class of every slot of the pass. Each choice is
/// a counter-based hash of (seed, slot), so any slot is answered in O(1) without storage, and the record is identical
/// to what produced the ground detections. gsctl answers the firmware's (slot, basis) announcements from it.
/// </summary>
public sealed class SatelliteRecord
{
    const ulong ClassPurpose = 1, BasisPurpose = 2, BitPurpose = 3, PreparationPurpose = 4;

    readonly ulong _seed;
    readonly double[] _cumulativeClass;
    readonly double _zProbability;
    readonly double _preparationError;

    public SatelliteRecord(SourceConfig source, ulong seed, long slotCount)
    {
        _seed = seed;
        SlotCount = slotCount;
        _zProbability = source.ZBasisProbability;
        _preparationError = source.StatePreparationErrorRate;
        _cumulativeClass = new double[source.IntensityProbabilities.Length];
        double sum = 0;
        for (int i = 0; i < _cumulativeClass.Length; i++) _cumulativeClass[i] = sum += source.IntensityProbabilities[i];
        _cumulativeClass[^1] = double.MaxValue;  // rounding must never push a draw past the last class
    }

    /// <summary>Slots 0 .. SlotCount-1 were sent.</summary>
    public long SlotCount { get; }

    /// <summary>The pulse sent in <paramref name="slot"/>; false ("no record") outside the pass.</summary>
    public bool TryGetSent(long slot, out SentPulse pulse)
    {
        if (slot < 0 || slot >= SlotCount)
        {
            pulse = default;
            return false;
        }
        pulse = new SentPulse(slot,
            SlotHash.Uniform(_seed, BasisPurpose, slot) < _zProbability ? Channels.BasisZ : Channels.BasisX,
            (byte)(SlotHash.Hash(_seed, BitPurpose, slot) >> 63),
            IntensityClassOf(slot),
            SlotHash.Uniform(_seed, PreparationPurpose, slot) < _preparationError);
        return true;
    }

    /// <summary>Intensity class only (the simulator's thinning test needs it before anything else).</summary>
    public byte IntensityClassOf(long slot)
    {
        double u = SlotHash.Uniform(_seed, ClassPurpose, slot);
        int c = 0;
        while (u >= _cumulativeClass[c]) c++;
        return (byte)c;
    }
}

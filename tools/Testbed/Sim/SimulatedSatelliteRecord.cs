using GroundStation.Host.Transmitter;
using GroundStation.Simulator.Source;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// The pass simulator's record of what the satellite sent, as the satellite side of sifting asks for it: the same
/// counter-based hashes that produced the ground detections, so no stream and no storage are needed.
/// </summary>
public sealed class SimulatedSatelliteRecord(SatelliteRecord record) : ITransmitterRecord
{
    public bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass)
    {
        if (!record.TryGetSent(slot, out var sent))
        {
            basis = bit = intensityClass = 0;
            return false;
        }

        basis = sent.Basis;
        bit = sent.Bit;
        intensityClass = sent.IntensityClass;
        return true;
    }
}

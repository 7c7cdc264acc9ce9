using GroundStation.Host.Transmitter;

namespace GroundStation.Tests.Sifting;

/// <summary>A hand-written satellite record: slot -> (basis, bit, class); other slots were not sent.</summary>
internal sealed class TestRecord : ITransmitterRecord
{
    private readonly Dictionary<long, (byte Basis, byte Bit, byte Class)> _sent = new();

    public TestRecord Add(long slot, int basis, int bit, int intensityClass = 0)
    {
        _sent[slot] = ((byte)basis, (byte)bit, (byte)intensityClass);
        return this;
    }

    public bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass)
    {
        var found = _sent.TryGetValue(slot, out var s);
        (basis, bit, intensityClass) = s;
        return found;
    }
}

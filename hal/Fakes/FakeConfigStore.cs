namespace GroundStation.Hal.Fakes;

/// <summary>
/// The real <see cref="SlottedConfigStore"/> (same checksum and atomic-replace logic every board uses) over
/// <see cref="MemoryStorageSlots"/>, which tests corrupt, tear or fail. <see cref="Reboot"/> builds a fresh store on
/// the same memory, as a power cycle would.
/// </summary>
public sealed class FakeConfigStore : IConfigStore
{
    private SlottedConfigStore _store;

    public FakeConfigStore(int capacity = 2048, HalFaultCounters? faults = null)
    {
        Faults = faults ?? new HalFaultCounters();
        Slots = new MemoryStorageSlots();
        _store = new SlottedConfigStore(Slots, capacity, "config", Faults);
    }

    public MemoryStorageSlots Slots { get; }

    public HalFaultCounters Faults { get; }

    public int Capacity => _store.Capacity;

    public int Read(byte[] buffer) => _store.Read(buffer);

    public void Replace(byte[] data, int length) => _store.Replace(data, length);

    /// <summary>Forgets everything held in RAM; the slots survive.</summary>
    public void Reboot() => _store = new SlottedConfigStore(Slots, _store.Capacity, "config", Faults);
}

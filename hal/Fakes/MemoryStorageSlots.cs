namespace GroundStation.Hal.Fakes;

/// <summary>
/// <see cref="IStorageSlots"/> in memory, with the faults real flash has: corrupt a byte, tear a write (a power cut
/// after N bytes), fail writes, or erase a slot. Keep the instance and build a new store on it to "reboot".
/// </summary>
public sealed class MemoryStorageSlots : IStorageSlots
{
    private readonly byte[]?[] _slots = new byte[]?[2];
    private int _tearAfterBytes = -1;

    public List<string> Operations { get; } = new();

    /// <summary>When set, <see cref="WriteSlot"/> throws an IOException without touching the slot.</summary>
    public bool FailWrites { get; set; }

    public int WriteCount { get; private set; }

    public byte[]? SlotContent(int slot) => _slots[slot]?.ToArray();

    /// <summary>Flips bits of one stored byte, as a worn flash cell would.</summary>
    public void CorruptByte(int slot, int index, byte xorMask = 0xFF)
    {
        var content = _slots[slot] ?? throw new InvalidOperationException($"slot {slot} is empty");
        content[index] ^= xorMask;
    }

    /// <summary>The next write stores only its first <paramref name="bytes"/> bytes, then "power is cut".</summary>
    public void TearNextWriteAfter(int bytes) => _tearAfterBytes = bytes;

    public void Erase(int slot) => _slots[slot] = null;

    public int ReadSlot(int slot, byte[] buffer)
    {
        Operations.Add($"read {slot}");
        var content = _slots[slot];
        if (content is null)
        {
            return 0;
        }

        int n = Math.Min(content.Length, buffer.Length);
        Array.Copy(content, buffer, n);
        return n;
    }

    public void WriteSlot(int slot, byte[] data, int length)
    {
        Operations.Add($"write {slot} {length}");
        WriteCount++;
        if (FailWrites)
        {
            throw new IOException("flash write failed (injected)");
        }

        if (_tearAfterBytes >= 0)
        {
            int kept = Math.Min(_tearAfterBytes, length);
            _tearAfterBytes = -1;
            _slots[slot] = data.AsSpan(0, kept).ToArray();
            throw new SimulatedPowerCutException($"power cut after {kept} of {length} bytes");
        }

        _slots[slot] = data.AsSpan(0, length).ToArray();
    }
}

/// <summary>Thrown by a fake when a test cuts the power in the middle of an operation.</summary>
public sealed class SimulatedPowerCutException(string message) : Exception(message);

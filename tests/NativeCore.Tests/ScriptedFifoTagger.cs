using GroundStation.Hal;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The FPGA FIFO tagger's SPI side (register map: firmware/Drivers/FifoTagger/README.md) serving records the test
/// wrote byte for byte, garbage included, so the managed driver reads exactly what the native decoder replays.
/// Logs every burst (and whether a tagger reset was discovered before it) for that replay.
/// </summary>
internal sealed class ScriptedFifoTagger : ISpiDevice
{
    private const uint StatusSignature = 0x5A000000;
    private const uint ResetSeen = 1u << 23;
    private readonly Queue<byte[]> _records = new();
    private readonly uint[] _registers = new uint[64];
    private bool _resetSeen;
    private bool _resetNotLogged;

    public ScriptedFifoTagger(long timeLsbFemtoseconds)
    {
        _registers[0x00] = 0x47535446;
        _registers[0x01] = 0x00010000;
        _registers[0x03] = 4096;
        _registers[0x07] = (uint)timeLsbFemtoseconds;
    }

    public string Name => "scripted FIFO tagger";

    /// <summary>Each burst's record bytes, and whether the driver found the tagger reset since the previous burst.</summary>
    public List<(bool ResetBefore, byte[] Records)> Bursts { get; } = new();

    /// <summary>LOST_COUNT reads (the driver's overflow accounting, one per flagged record here).</summary>
    public int LostCountReads { get; private set; }

    public void Enqueue(byte[] record) => _records.Enqueue(record);

    public int Queued => _records.Count;

    /// <summary>STATUS reports a tagger reset at the next read (as after a power glitch).</summary>
    public void SignalReset() => _resetSeen = true;

    public void Transfer(byte[] writeBuffer, byte[] readBuffer, int count)
    {
        byte op = writeBuffer[0];
        if (op == 0xC0)
        {
            int want = (count - 2) / 8;
            for (int r = 0; r < want; r++)
            {
                // Past the FIFO's end the FPGA returns fillers (channel 0xE).
                byte[] record = _records.Count > 0 ? _records.Dequeue() : new byte[] { 0, 0, 0, 0, 0, 0, 0xE0, 0 };
                Array.Copy(record, 0, readBuffer, 2 + r * 8, 8);
            }

            Bursts.Add((_resetNotLogged, readBuffer.AsSpan(2, want * 8).ToArray()));
            _resetNotLogged = false;
            return;
        }

        int address = op & 0x3F;
        if ((op & 0xC0) == 0x40)
        {
            uint value = ((uint)writeBuffer[1] << 24) | ((uint)writeBuffer[2] << 16) | ((uint)writeBuffer[3] << 8) | writeBuffer[4];
            if (address == 0x02 && (value & ResetSeen) != 0)
            {
                _resetSeen = false;
            }
            else if (address != 0x02)
            {
                _registers[address] = value;
            }

            return;
        }

        uint read = address switch
        {
            0x02 => StatusSignature | (_resetSeen ? ResetSeen : 0) | (uint)Math.Min(_records.Count, 0xFFFF),
            0x04 => (uint)(++LostCountReads * 5),
            _ => _registers[address],
        };
        if (address == 0x02 && _resetSeen)
        {
            _resetNotLogged = true;
        }

        readBuffer[2] = (byte)(read >> 24);
        readBuffer[3] = (byte)(read >> 16);
        readBuffer[4] = (byte)(read >> 8);
        readBuffer[5] = (byte)read;
    }
}

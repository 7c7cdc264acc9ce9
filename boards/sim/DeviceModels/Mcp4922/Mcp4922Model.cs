using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels.Mcp4922;

/// <summary>
/// Register-level model of a Microchip MCP4922 12-bit dual DAC (DS21897) with LDAC tied low. A write command is the
/// first 16 clocks after CS falls (bit 15 A/B, 14 BUF, 13 GA, 12 SHDN, 11..0 data), latched when CS rises; the
/// datasheet ignores clocks past the 16th, so a longer frame latches its first 16 bits, and a frame of fewer than 16
/// clocks is no command. SDO does not exist, so MISO is never driven (reads as the bus's idle level).
/// </summary>
public sealed class Mcp4922Model : ISpiDeviceModel
{
    private readonly int[] _codes = new int[2];
    private readonly bool[] _active = new bool[2];
    private readonly bool[] _gain1x = new bool[2];
    private readonly bool[] _buffered = new bool[2];

    public Mcp4922Model(int referenceMillivolts = 2500)
    {
        ReferenceMillivolts = referenceMillivolts;
    }

    public int ReferenceMillivolts { get; }

    /// <summary>DS21897 section 5: SPI modes 0,0 and 1,1, SCK up to 20 MHz.</summary>
    public SpiChipLimits Limits { get; } = new("MCP4922", [0, 3], 20_000_000);

    /// <summary>Fault injection: a dead DAC ignores every command.</summary>
    public bool Dead { get; set; }

    public int Writes { get; private set; }

    /// <summary>Frames shorter than a command (16 clocks): the DAC ignored them.</summary>
    public int ShortFrames { get; private set; }

    public int Code(int channel) => _codes[channel];

    public bool Active(int channel) => _active[channel];

    /// <summary>BUF of the last command to the channel: VREF input buffered (true) or unbuffered.</summary>
    public bool Buffered(int channel) => _buffered[channel];

    /// <summary>GA of the last command to the channel: gain 1x (true) or 2x.</summary>
    public bool Gain1x(int channel) => _gain1x[channel];

    /// <summary>VOUT in millivolts: VREF x G x code / 4096, 0 in shutdown.</summary>
    public int OutputMillivolts(int channel)
        => _active[channel] ? (int)((long)ReferenceMillivolts * (_gain1x[channel] ? 1 : 2) * _codes[channel] / 4096) : 0;

    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        miso.Fill(0xFF); // no SDO pin: MISO floats to the pull-up
        if (Dead)
        {
            return;
        }

        if (mosi.Length < 2)
        {
            ShortFrames++;
            return;
        }

        // "All writes to the MCP492X are 16-bit words. Any clocks past 16 will be ignored." (DS21897 section 5.2)
        int word = (mosi[0] << 8) | mosi[1];
        int channel = (word >> 15) & 1;
        _buffered[channel] = (word & (1 << 14)) != 0;
        _gain1x[channel] = (word & (1 << 13)) != 0;
        _active[channel] = (word & (1 << 12)) != 0;
        _codes[channel] = word & 0x0FFF;
        Writes++;
    }
}

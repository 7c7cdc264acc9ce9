using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels.Mcp4922;

/// <summary>
/// Register-level model of a Microchip MCP4922 12-bit dual DAC (DS21897) with LDAC tied low: a frame of exactly
/// 16 clocks is a write command (bit 15 A/B, 14 BUF, 13 GA, 12 SHDN, 11..0 data) latched when CS rises; other frame
/// lengths are ignored. SDO does not exist, so MISO is never driven (reads as the bus's idle level).
/// </summary>
public sealed class Mcp4922Model : ISpiDeviceModel
{
    private readonly int[] _codes = new int[2];
    private readonly bool[] _active = new bool[2];
    private readonly bool[] _gain1x = new bool[2];

    public Mcp4922Model(int referenceMillivolts = 2500)
    {
        ReferenceMillivolts = referenceMillivolts;
    }

    public int ReferenceMillivolts { get; }

    /// <summary>Fault injection: a dead DAC ignores every command.</summary>
    public bool Dead { get; set; }

    public int Writes { get; private set; }

    public int Code(int channel) => _codes[channel];

    public bool Active(int channel) => _active[channel];

    /// <summary>VOUT in millivolts: VREF x G x code / 4096, 0 in shutdown.</summary>
    public int OutputMillivolts(int channel)
        => _active[channel] ? (int)((long)ReferenceMillivolts * (_gain1x[channel] ? 1 : 2) * _codes[channel] / 4096) : 0;

    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        miso.Fill(0xFF); // no SDO pin: MISO floats to the pull-up
        if (Dead || mosi.Length != 2)
        {
            return;
        }

        int word = (mosi[0] << 8) | mosi[1];
        int channel = (word >> 15) & 1;
        _gain1x[channel] = (word & (1 << 13)) != 0;
        _active[channel] = (word & (1 << 12)) != 0;
        _codes[channel] = word & 0x0FFF;
        Writes++;
    }
}

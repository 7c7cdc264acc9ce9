using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels.Mcp3208;

/// <summary>
/// Bit-level model of a Microchip MCP3208 12-bit ADC (DS21298 section 5/6): after CS falls the first 1 on DIN is the
/// start bit, then SGL/DIFF, D2, D1, D0; the input is sampled during the next 1.5 clocks, a null bit (0) follows, then
/// B11..B0 MSB first on DOUT, then (CS still low) B1..B11 LSB first, then zeros. DOUT is high-impedance before the
/// null bit; here it reads 1 (pull-up), as on a board with a MISO pull-up.
/// </summary>
public sealed class Mcp3208Model : ISpiDeviceModel
{
    private readonly int[] _inputMillivolts = new int[8];
    private readonly Func<int>?[] _sources = new Func<int>?[8];

    /// <param name="supplyMillivolts">VDD: the datasheet guarantees fCLK 2 MHz at 5 V and 1 MHz at 2.7 V.</param>
    public Mcp3208Model(int referenceMillivolts = 2500, int supplyMillivolts = 3300)
    {
        ReferenceMillivolts = referenceMillivolts;
        Limits = new SpiChipLimits("MCP3208", [0, 3], supplyMillivolts >= 5000 ? 2_000_000 : 1_000_000);
    }

    public int ReferenceMillivolts { get; }

    /// <summary>DS21298 section 6.1 and timing table: SPI modes 0,0 and 1,1; fCLK up to 2 MHz (5 V) or 1 MHz (below).</summary>
    public SpiChipLimits Limits { get; }

    public BusAnswer Answer { get; set; } = BusAnswer.Normal;

    /// <summary>Last channel converted and whether it was single-ended (for tests).</summary>
    public (int Channel, bool SingleEnded)? LastConversion { get; private set; }

    public void SetInputMillivolts(int channel, int millivolts)
    {
        _sources[channel] = null;
        _inputMillivolts[channel] = millivolts;
    }

    /// <summary>Wires an input to a live source (e.g. a DAC output through a divider), read at every conversion.</summary>
    public void Connect(int channel, Func<int> millivolts) => _sources[channel] = millivolts;

    /// <summary>The voltage on an input now.</summary>
    public int InputMillivolts(int channel) => _sources[channel]?.Invoke() ?? _inputMillivolts[channel];

    /// <summary>The code the chip produces: 4096 VIN / VREF (DS21298 eq. 4-1, truncated), clamped to 0..4095.</summary>
    public int CodeFor(int millivolts)
    {
        long code = (long)millivolts * 4096 / ReferenceMillivolts;
        return (int)Math.Clamp(code, 0, 4095);
    }

    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        if (Answer.AnswerIfDead(miso))
        {
            return;
        }

        int totalBits = mosi.Length * 8;
        int start = -1;
        for (int i = 0; i < totalBits; i++)
        {
            if (Bit(mosi, i))
            {
                start = i;
                break;
            }
        }

        miso.Fill(0xFF);
        if (start < 0 || start + 4 >= totalBits)
        {
            return;
        }

        bool single = Bit(mosi, start + 1);
        int channel = (Bit(mosi, start + 2) ? 4 : 0) | (Bit(mosi, start + 3) ? 2 : 0) | (Bit(mosi, start + 4) ? 1 : 0);
        LastConversion = (channel, single);
        int vin = single ? InputMillivolts(channel) : InputMillivolts(channel) - InputMillivolts(channel ^ 1);
        int code = CodeFor(vin);

        int nullBit = start + 4 + 2; // D0, then 1.5 clocks of sampling; the null bit leaves on the next falling edge
        SetBit(miso, nullBit, false);
        for (int k = 0; k < 12; k++)
        {
            SetBit(miso, nullBit + 1 + k, ((code >> (11 - k)) & 1) != 0);
        }

        for (int k = 1; k < 12; k++)
        {
            SetBit(miso, nullBit + 12 + k, ((code >> k) & 1) != 0);
        }

        for (int i = nullBit + 24; i < totalBits; i++)
        {
            SetBit(miso, i, false);
        }
    }

    private static bool Bit(ReadOnlySpan<byte> bytes, int index) => (bytes[index / 8] & (0x80 >> (index % 8))) != 0;

    private static void SetBit(Span<byte> bytes, int index, bool value)
    {
        if (index >= bytes.Length * 8)
        {
            return;
        }

        if (value)
        {
            bytes[index / 8] |= (byte)(0x80 >> (index % 8));
        }
        else
        {
            bytes[index / 8] &= (byte)~(0x80 >> (index % 8));
        }
    }
}

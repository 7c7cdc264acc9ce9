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

    public Mcp3208Model(int referenceMillivolts = 2500)
    {
        ReferenceMillivolts = referenceMillivolts;
    }

    public int ReferenceMillivolts { get; }

    public BusAnswer Answer { get; set; } = BusAnswer.Normal;

    /// <summary>Last channel converted and whether it was single-ended (for tests).</summary>
    public (int Channel, bool SingleEnded)? LastConversion { get; private set; }

    public void SetInputMillivolts(int channel, int millivolts) => _inputMillivolts[channel] = millivolts;

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
        int vin = single ? _inputMillivolts[channel] : _inputMillivolts[channel] - _inputMillivolts[channel ^ 1];
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

using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.Mcp49xx
{
    /// <summary>
    /// Microchip MCP4922 (dual) / MCP4921 (single) 12-bit DAC (datasheet DS21897). One 16-bit write command per
    /// chip-select frame, MSB first: bit 15 A/B, bit 14 BUF, bit 13 GA (1 = 1x, 0 = 2x), bit 12 SHDN (1 = active),
    /// bits 11..0 the code. The chip has no data output, so writes cannot be read back: callers check the result
    /// through an ADC (the SPCM controller reads the bias monitor).
    /// </summary>
    public sealed class Mcp4922
    {
        public const int MaxCode = 4095;
        public const int BitDacB = 1 << 15;
        public const int BitBuffered = 1 << 14;
        public const int BitGain1x = 1 << 13;
        public const int BitActive = 1 << 12;

        /// <summary>DS21897 section 5.1: modes 0,0 and 1,1 up to 20 MHz; the driver uses mode 0.</summary>
        public static readonly SpiBusSettings BusSettings = new SpiBusSettings(0, 20000000);

        private readonly ISpiDevice _spi;
        private readonly int _channels;
        private readonly byte[] _tx = new byte[2];
        private readonly byte[] _rx = new byte[2];

        /// <param name="channels">2 for the MCP4922, 1 for the MCP4921 (DAC A only).</param>
        /// <param name="referenceMillivolts">VREF of the board.</param>
        public Mcp4922(ISpiDevice spi, int channels, int referenceMillivolts)
        {
            if (channels != 1 && channels != 2)
            {
                throw new System.ArgumentOutOfRangeException("channels");
            }

            _spi = spi;
            _channels = channels;
            ReferenceMillivolts = referenceMillivolts;
            Buffered = false;
            Gain2x = false;
        }

        public int ReferenceMillivolts { get; private set; }

        /// <summary>BUF: VREF input buffered (high-impedance reference).</summary>
        public bool Buffered { get; set; }

        /// <summary>GA = 0: output gain 2x (VOUT = 2 VREF code / 4096).</summary>
        public bool Gain2x { get; set; }

        /// <summary>The 16-bit command word for a code on a channel (0 = A, 1 = B).</summary>
        public int CommandWord(int channel, int code, bool active)
        {
            if (channel < 0 || channel >= _channels)
            {
                throw new System.ArgumentOutOfRangeException("channel");
            }

            if (code < 0 || code > MaxCode)
            {
                throw new System.ArgumentOutOfRangeException("code");
            }

            int word = code;
            if (channel == 1)
            {
                word |= BitDacB;
            }

            if (Buffered)
            {
                word |= BitBuffered;
            }

            if (!Gain2x)
            {
                word |= BitGain1x;
            }

            if (active)
            {
                word |= BitActive;
            }

            return word;
        }

        /// <summary>Writes a code; the output follows when chip select rises (LDAC tied low).</summary>
        public void Write(int channel, int code)
        {
            Send(CommandWord(channel, code, true));
        }

        /// <summary>Puts one output into shutdown (high-impedance to ground through 500 kOhm).</summary>
        public void Shutdown(int channel)
        {
            Send(CommandWord(channel, 0, false));
        }

        /// <summary>Code for an output voltage, rounded to nearest and clamped to 0..4095.</summary>
        public int CodeForMillivolts(int millivolts)
        {
            int fullScale = ReferenceMillivolts * (Gain2x ? 2 : 1);
            long code = ((long)millivolts * 4096 + fullScale / 2) / fullScale;
            if (code < 0)
            {
                return 0;
            }

            return code > MaxCode ? MaxCode : (int)code;
        }

        /// <summary>Output voltage of a code: VREF x G x code / 4096.</summary>
        public int MillivoltsForCode(int code)
        {
            return (int)((long)ReferenceMillivolts * (Gain2x ? 2 : 1) * code / 4096);
        }

        private void Send(int word)
        {
            _tx[0] = (byte)(word >> 8);
            _tx[1] = (byte)word;
            _spi.Transfer(_tx, _rx, 2);
        }
    }
}

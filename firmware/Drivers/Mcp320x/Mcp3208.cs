using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.Mcp320x
{
    /// <summary>
    /// Microchip MCP3208 8-channel 12-bit ADC (datasheet DS21298), read with the three-byte frame of its section 6.1:
    /// byte 0 = 0000 0 1 SGL D2 (start bit, single/differential, channel bit 2), byte 1 = D1 D0 xx xxxx, byte 2 = don't
    /// care. The answer's byte 1 bit 4 is the null bit (always 0), bits 3..0 are B11..B8, byte 2 is B7..B0.
    /// </summary>
    public sealed class Mcp3208
    {
        public const int Channels = 8;
        public const int MaxCode = 4095;

        /// <summary>
        /// DS21298 section 6.1 and its timing table: modes 0,0 and 1,1; fCLK at most 2 MHz at VDD = 5 V and 1 MHz at
        /// 2.7 V. The driver uses mode 0 and the 2.7 V limit, which holds over the whole supply range.
        /// </summary>
        public static readonly SpiBusSettings BusSettings = new SpiBusSettings(0, 1000000);

        private readonly ISpiDevice _spi;
        private readonly byte[] _tx = new byte[3];
        private readonly byte[] _rx = new byte[3];

        public Mcp3208(ISpiDevice spi, int referenceMillivolts)
        {
            _spi = spi;
            ReferenceMillivolts = referenceMillivolts;
        }

        public int ReferenceMillivolts { get; private set; }

        /// <summary>The three command bytes for a conversion.</summary>
        public static void BuildCommand(int channel, bool singleEnded, byte[] frame)
        {
            if (channel < 0 || channel >= Channels)
            {
                throw new System.ArgumentOutOfRangeException("channel");
            }

            frame[0] = (byte)(0x04 | (singleEnded ? 0x02 : 0x00) | (channel >> 2));
            frame[1] = (byte)((channel & 0x03) << 6);
            frame[2] = 0;
        }

        /// <summary>Converts one channel (single-ended against AGND) and returns the 12-bit code.</summary>
        /// <exception cref="HalException">DeviceAbsent when the null bit is not 0 (MISO stuck high: chip absent).</exception>
        public int ReadCode(int channel)
        {
            return Convert(channel, true);
        }

        /// <summary>Converts a differential pair: channel 2k is CH(2k)+ / CH(2k+1)-, 2k+1 the reverse.</summary>
        public int ReadDifferentialCode(int channel)
        {
            return Convert(channel, false);
        }

        /// <summary>Channel voltage in millivolts: code x VREF / 4096.</summary>
        public int ReadMillivolts(int channel)
        {
            return (int)((long)ReadCode(channel) * ReferenceMillivolts / 4096);
        }

        private int Convert(int channel, bool singleEnded)
        {
            BuildCommand(channel, singleEnded, _tx);
            _spi.Transfer(_tx, _rx, 3);
            if ((_rx[1] & 0x10) != 0)
            {
                throw new HalException(HalFault.DeviceAbsent, _spi.Name, "MCP3208: null bit reads 1: ADC not answering");
            }

            return ((_rx[1] & 0x0F) << 8) | _rx[2];
        }
    }
}

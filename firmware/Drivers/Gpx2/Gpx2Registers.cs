namespace GroundStation.Firmware.Drivers.Gpx2
{
    /// <summary>
    /// ScioSense TDC-GPX2 / AS6500 SPI opcodes, register addresses, bit positions and the values the datasheets fix
    /// (see README.md for each fact's source). The single source of these numbers for the driver; the chip model in
    /// boards/sim/DeviceModels keeps its own copy from the same sources, so a wrong number here fails a test.
    /// </summary>
    public static class Gpx2Registers
    {
        /// <summary>SPI mode 1 (CPOL 0, CPHA 1): the chip samples SDI on the falling edge of SCK.</summary>
        public const int SpiMode = 1;

        /// <summary>Fastest SCK the chip accepts.</summary>
        public const int MaxSpiClockHz = 50000000;

        /// <summary>Power-on reset: resets the chip and stops measurement (opcode only).</summary>
        public const byte OpPowerOnReset = 0x30;

        /// <summary>Init: resets the FIFOs and the reference index and starts measurement (opcode only).</summary>
        public const byte OpInit = 0x18;

        /// <summary>Write configuration from register addr on (auto-increment).</summary>
        public const byte OpWriteConfig = 0x80;

        /// <summary>Read configuration from register addr on (auto-increment).</summary>
        public const byte OpReadConfig = 0x40;

        /// <summary>Read results from register addr (8..31) on (auto-increment).</summary>
        public const byte OpReadResults = 0x60;

        /// <summary>Number of configuration registers written and verified (CFG0..CFG16).</summary>
        public const int ConfigBytes = 17;

        /// <summary>First result register: REFERENCE_INDEX_CH1 (bytes 8..10), then STOPRESULT_CH1 (11..13), CH2 at 14...</summary>
        public const byte FirstResultRegister = 8;

        /// <summary>Bytes per stop channel in the result registers: 3-byte reference index + 3-byte stop result.</summary>
        public const int ResultBytesPerChannel = 6;

        /// <summary>Stop channels of the chip.</summary>
        public const int StopChannels = 4;

        /// <summary>Bytes of all four channels' results.</summary>
        public const int ResultBytes = StopChannels * ResultBytesPerChannel;

        /// <summary>Width of the result registers (reference index and stop result, 3 bytes each).</summary>
        public const int ResultRegisterBits = 24;

        /// <summary>Deepest stop FIFO (HIGH_RESOLUTION off); <see cref="FifoDepth"/> gives it per resolution mode.</summary>
        public const int MaxFifoDepth = 16;

        // CFG0
        public const int Cfg0PinEnaStop1 = 0;        // bits 0..3: PIN_ENA_STOP1..4
        public const byte Cfg0PinEnaRefclk = 1 << 4;
        public const byte Cfg0PinEnaLvdsOut = 1 << 5;
        public const byte Cfg0PinEnaDisable = 1 << 6;
        public const byte Cfg0PinEnaRstidx = 1 << 7;

        // CFG1
        public const int Cfg1HitEnaStop1 = 0;        // bits 0..3: HIT_ENA_STOP1..4
        public const int Cfg1ChannelCombineShift = 4; // bits 5..4
        public const int Cfg1HighResolutionShift = 6; // bits 7..6: 0 off, 1 = 2x, 2 = 4x

        // CFG2 (TDC-GPX2; on the AS6500 bits 5..0 are fixed 0)
        public const int Cfg2RefIndexBitwidthShift = 0;   // bits 2..0, see ReferenceIndexBits
        public const int Cfg2StopDataBitwidthShift = 3;   // bits 4..3, see StopDataBits
        public const byte Cfg2LvsDoubleDataRate = 1 << 5;
        public const byte Cfg2CommonFifoRead = 1 << 6;
        public const byte Cfg2BlockwiseFifoRead = 1 << 7;

        /// <summary>REF_INDEX_BITWIDTH code of a 24-bit reference index (the width of the result register).</summary>
        public const int RefIndexBitwidth24 = 5;

        /// <summary>STOP_DATA_BITWIDTH code of 20-bit stop data, enough for any REFCLK_DIVISIONS (20 bits).</summary>
        public const int StopDataBitwidth20 = 3;

        // CFG3..CFG5: REFCLK_DIVISIONS, 20 bits, CFG3 = bits 7..0, CFG4 = bits 15..8, CFG5 bits 3..0 = bits 19..16
        public const int Cfg3RefclkDivisionsLow = 3;
        public const int RefclkDivisionsMax = (1 << 20) - 1;

        /// <summary>CFG6 with LVDS_TEST_PATTERN off: bits 7..5 are fixed 110.</summary>
        public const byte Cfg6Value = 0xC0;

        // CFG7: bit 7 REFCLK_BY_XOSC on both parts. TDC-GPX2: bit 6 fixed 1, bits 5..4 LVDS_DATA_VALID_ADJUST
        // (1 = 0 ps), bits 3..0 fixed 0011. AS6500: bits 6..0 fixed 0100011.
        public const byte Cfg7RefclkByXosc = 1 << 7;
        public const int Cfg7LvdsDataValidAdjustShift = 4;
        public const byte Cfg7FixedGpx2 = 0x43;
        public const byte Cfg7FixedAs6500 = 0x23;

        /// <summary>CFG8..CFG15 hold fixed values that must be written as given.</summary>
        public const int Cfg8 = 8;

        // CFG16: bit 2 CMOS_INPUT (stop inputs are CMOS, not LVDS); the AS6500 has CMOS inputs only: fixed 0x04.
        public const byte Cfg16CmosInput = 1 << 2;

        /// <summary>Bits of the reference index a REF_INDEX_BITWIDTH code selects: 0, 2, 4, 8, 16, 24, 6, 12.</summary>
        public static int ReferenceIndexBits(int code)
        {
            switch (code)
            {
                case 0: return 0;
                case 1: return 2;
                case 2: return 4;
                case 3: return 8;
                case 4: return 16;
                case 5: return 24;
                case 6: return 6;
                case 7: return 12;
                default: throw new System.ArgumentOutOfRangeException("code");
            }
        }

        /// <summary>Bits of stop data a STOP_DATA_BITWIDTH code selects: 14, 16, 18, 20.</summary>
        public static int StopDataBits(int code)
        {
            if (code < 0 || code > 3)
            {
                throw new System.ArgumentOutOfRangeException("code");
            }

            return 14 + 2 * code;
        }

        /// <summary>Results each stop FIFO holds: 16 with HIGH_RESOLUTION off, 8 at 2x, 4 at 4x.</summary>
        public static int FifoDepth(int highResolution)
        {
            if (highResolution < 0 || highResolution > 2)
            {
                throw new System.ArgumentOutOfRangeException("highResolution");
            }

            return MaxFifoDepth >> highResolution;
        }

        /// <summary>Fixed value of CFG8..CFG15 on this part (CFG13: 0xCC on the TDC-GPX2, 0x05 on the AS6500).</summary>
        public static byte FixedConfig(Gpx2Part part, int register)
        {
            switch (register)
            {
                case 8: return 0xA1;
                case 9: return 0x13;
                case 10: return 0x00;
                case 11: return 0x0A;
                case 12: return 0xCC;
                case 13: return part == Gpx2Part.As6500 ? (byte)0x05 : (byte)0xCC;
                case 14: return 0xF1;
                case 15: return 0x7D;
                default: throw new System.ArgumentOutOfRangeException("register");
            }
        }
    }
}

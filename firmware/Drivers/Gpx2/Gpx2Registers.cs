namespace GroundStation.Firmware.Drivers.Gpx2
{
    /// <summary>
    /// ScioSense TDC-GPX2 / AS6500 SPI opcodes, register addresses and bit positions (datasheet DS000640 v4-00,
    /// section 7 "Register Description" and 8.5 "SPI Communication Interface"; see README.md for each fact's source).
    /// </summary>
    public static class Gpx2Registers
    {
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

        /// <summary>Bytes per stop channel in the result registers: 24-bit reference index + 24-bit stop result.</summary>
        public const int ResultBytesPerChannel = 6;

        /// <summary>Stop channels of the chip.</summary>
        public const int StopChannels = 4;

        /// <summary>Bytes of all four channels' results.</summary>
        public const int ResultBytes = StopChannels * ResultBytesPerChannel;

        /// <summary>Width of the reference index as read over SPI (3 bytes; REF_INDEX_BITWIDTH = 7 selects 24 bits).</summary>
        public const int ReferenceIndexBits = 24;

        /// <summary>Depth of each stop channel's result FIFO.</summary>
        public const int FifoDepthPerChannel = 8;

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

        // CFG2
        public const int Cfg2RefIndexBitwidthShift = 0;   // bits 2..0
        public const int Cfg2StopDataBitwidthShift = 3;   // bits 4..3
        public const byte Cfg2LvsDoubleDataRate = 1 << 5;
        public const byte Cfg2CommonFifoRead = 1 << 6;
        public const byte Cfg2BlockwiseFifoRead = 1 << 7;

        // CFG3..CFG5: REFCLK_DIVISIONS, 20 bits, CFG3 = bits 7..0, CFG4 = bits 15..8, CFG5 bits 3..0 = bits 19..16
        public const int Cfg3RefclkDivisionsLow = 3;
        public const int RefclkDivisionsMax = (1 << 20) - 1;

        /// <summary>CFG6 with LVDS_TEST_PATTERN off: bits 7..5 are fixed 110.</summary>
        public const byte Cfg6Value = 0xC0;

        // CFG7: bit 7 REFCLK_BY_XOSC, bit 6 fixed 1, bits 5..4 LVDS_DATA_VALID_ADJUST, bits 3..0 fixed 0011
        public const byte Cfg7Fixed = 0x43;
        public const byte Cfg7RefclkByXosc = 1 << 7;
        public const int Cfg7LvdsDataValidAdjustShift = 4;

        /// <summary>CFG8..CFG15 hold fixed values that must be written as given.</summary>
        public const int Cfg8 = 8;

        // CFG16: bit 2 CMOS_INPUT (stop inputs are CMOS, not LVDS)
        public const byte Cfg16CmosInput = 1 << 2;

        /// <summary>Fixed values of CFG8..CFG15, in order.</summary>
        public static byte FixedConfig(int register)
        {
            switch (register)
            {
                case 8: return 0xA1;
                case 9: return 0x13;
                case 10: return 0x00;
                case 11: return 0x0A;
                case 12: return 0xCC;
                case 13: return 0xCC;
                case 14: return 0xF1;
                case 15: return 0x7D;
                default: throw new System.ArgumentOutOfRangeException("register");
            }
        }
    }
}

namespace GroundStation.Firmware.Drivers.FifoTagger
{
    /// <summary>
    /// The FPGA FIFO tagger's SPI register map, version 1.0 (specified in README.md of this folder; the FPGA side
    /// implements that document). The single source of these numbers: the driver and the simulator's model use them.
    /// </summary>
    public static class FifoTaggerRegisters
    {
        // ---- bus (README "Electrical and timing") ----

        /// <summary>SPI mode 0 (CPOL 0, CPHA 0): the FPGA samples MOSI on the rising edge.</summary>
        public const int SpiMode = 0;

        /// <summary>Fastest SCLK the FPGA's 2-flop synchroniser is specified for (100 MHz system clock).</summary>
        public const int MaxSpiClockHz = 20000000;

        // ---- opcodes (first MOSI byte of a frame) ----

        /// <summary>Read a 32-bit register: [0x00|addr][pad] then 4 data bytes MSB first.</summary>
        public const byte OpReadRegister = 0x00;

        /// <summary>Write a 32-bit register: [0x40|addr][4 data bytes MSB first]; applied on chip-select release.</summary>
        public const byte OpWriteRegister = 0x40;

        /// <summary>Burst read of FIFO records: [0xC0][pad] then 8 bytes per record.</summary>
        public const byte OpReadFifo = 0xC0;

        /// <summary>Mask of the register address in a register opcode.</summary>
        public const byte AddressMask = 0x3F;

        /// <summary>Bytes before data in a read frame (opcode + one turnaround byte).</summary>
        public const int ReadHeaderBytes = 2;

        /// <summary>Bytes of a complete register-read frame.</summary>
        public const int ReadRegisterFrameBytes = 6;

        /// <summary>Bytes of a complete register-write frame.</summary>
        public const int WriteRegisterFrameBytes = 5;

        // ---- register addresses ----
        public const byte Identity = 0x00;
        public const byte Version = 0x01;
        public const byte Status = 0x02;
        public const byte FifoDepth = 0x03;
        public const byte LostCount = 0x04;
        public const byte ChannelEnable = 0x05;
        public const byte Control = 0x06;
        public const byte TimeLsbFemtoseconds = 0x07;
        public const byte ReadyThreshold = 0x08;
        public const byte Reset = 0x09;

        // ---- values ----

        /// <summary>IDENTITY reads ASCII "GSTF" (ground-station tagger, FIFO).</summary>
        public const uint IdentityValue = 0x47535446;

        /// <summary>Major version this driver implements (VERSION bits 23..16).</summary>
        public const int SupportedMajorVersion = 1;

        /// <summary>VERSION of the map in this document: 1.0.0.</summary>
        public const uint VersionValue = 0x00010000;

        /// <summary>Writing this key ("RSET") to RESET resets the tagger; other values are ignored.</summary>
        public const uint ResetKey = 0x52534554;

        /// <summary>STATUS bits 31..24 always read 0x5A, so an all-0x00 or all-0xFF bus is recognised on every read.</summary>
        public const uint StatusSignature = 0x5A000000;
        public const uint StatusSignatureMask = 0xFF000000;

        /// <summary>STATUS bit 23: set by every reset; write 1 to clear.</summary>
        public const uint StatusResetSeen = 1u << 23;

        /// <summary>STATUS bit 22: set when an event was dropped because the FIFO was full; write 1 to clear.</summary>
        public const uint StatusOverflow = 1u << 22;

        /// <summary>STATUS bit 21: CONTROL.RUN is set and events are being captured.</summary>
        public const uint StatusRunning = 1u << 21;

        /// <summary>STATUS bits 15..0: records in the FIFO.</summary>
        public const uint StatusLevelMask = 0xFFFF;

        /// <summary>CONTROL bit 0: capture events (and write time marks) into the FIFO.</summary>
        public const uint ControlRun = 1u << 0;

        // ---- records ----

        /// <summary>Bytes per FIFO record.</summary>
        public const int RecordBytes = 8;

        /// <summary>Width of the record's time field in tagger units.</summary>
        public const int TimeBits = 48;

        /// <summary>A time mark is written each time the time counter crosses a multiple of 2^46 units.</summary>
        public const int TimeMarkIntervalBits = 46;

        /// <summary>Record channel value of a time mark (no event).</summary>
        public const int ChannelTimeMark = 0xF;

        /// <summary>Record channel value of the filler returned when a burst reads past the FIFO's end.</summary>
        public const int ChannelFiller = 0xE;

        /// <summary>Record flag bit 0: at least one event was dropped (FIFO full) just before this record.</summary>
        public const int FlagOverflowBefore = 0x1;

        /// <summary>Record flag bits that must read 0 in version 1.</summary>
        public const int FlagReservedMask = 0xE;

        /// <summary>Number of input channels in version 1.</summary>
        public const int Channels = 8;
    }
}

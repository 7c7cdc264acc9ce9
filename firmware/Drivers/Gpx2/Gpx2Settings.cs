namespace GroundStation.Firmware.Drivers.Gpx2
{
    /// <summary>
    /// How a board uses its GPX2-family chip: which part, reference clock, resolution, and which logical tagger
    /// channel each stop input carries. The default maps STOP1..4 to H, V, D and the beacon (a one-chip board cannot
    /// tag A; see README.md).
    /// </summary>
    public sealed class Gpx2Settings
    {
        public Gpx2Settings()
        {
            Part = Gpx2Part.TdcGpx2;
            ReferenceClockPeriodPicoseconds = 200000;
            RefclkDivisions = 200000;
            HighResolution = 0;
            CmosInputs = true;
            LogicalChannelOfStop = new byte[] { 0, 1, 2, 4 };
        }

        /// <summary>TDC-GPX2 or AS6500: they differ in the values their datasheets fix.</summary>
        public Gpx2Part Part { get; set; }

        /// <summary>Period of the REFCLK input (datasheet example: 5 MHz = 200 000 ps).</summary>
        public long ReferenceClockPeriodPicoseconds { get; set; }

        /// <summary>REFCLK_DIVISIONS: reference period / stop-result LSB (200 000 with 5 MHz gives 1 ps).</summary>
        public int RefclkDivisions { get; set; }

        /// <summary>HIGH_RESOLUTION: 0 off, 1 = 2x, 2 = 4x (each halves the stop FIFO).</summary>
        public int HighResolution { get; set; }

        /// <summary>CMOS_INPUT: stop inputs are CMOS (SPCM TTL outputs through a level shifter) rather than LVDS.</summary>
        public bool CmosInputs { get; set; }

        /// <summary>Logical channel reported for STOP1..STOP4; 0xFF leaves that stop disabled.</summary>
        public byte[] LogicalChannelOfStop { get; set; }

        /// <summary>Stop-result LSB in femtoseconds (reference period / REFCLK_DIVISIONS), for reports.</summary>
        public long StopLsbFemtoseconds
        {
            get { return ReferenceClockPeriodPicoseconds * 1000 / RefclkDivisions; }
        }

        /// <summary>
        /// Bits of the reference index in the result registers with this configuration: the TDC-GPX2 is set to 24
        /// (REF_INDEX_BITWIDTH 5), the AS6500 always delivers 24. The driver extends it across roll-overs.
        /// </summary>
        public int ReferenceIndexBits
        {
            get { return Gpx2Registers.ReferenceIndexBits(Gpx2Registers.RefIndexBitwidth24); }
        }

        /// <summary>Results each stop FIFO holds in the configured resolution mode.</summary>
        public int FifoDepth
        {
            get { return Gpx2Registers.FifoDepth(HighResolution); }
        }

        /// <summary>The 17 configuration bytes CFG0..CFG16 for these settings.</summary>
        public byte[] BuildConfiguration()
        {
            if (RefclkDivisions <= 0 || RefclkDivisions > Gpx2Registers.RefclkDivisionsMax)
            {
                throw new System.ArgumentOutOfRangeException("RefclkDivisions");
            }

            if (HighResolution < 0 || HighResolution > 2)
            {
                throw new System.ArgumentOutOfRangeException("HighResolution");
            }

            bool as6500 = Part == Gpx2Part.As6500;
            int stops = EnabledStopMask();
            byte[] cfg = new byte[Gpx2Registers.ConfigBytes];
            cfg[0] = (byte)(Gpx2Registers.Cfg0PinEnaRefclk | (stops << Gpx2Registers.Cfg0PinEnaStop1));
            cfg[1] = (byte)((HighResolution << Gpx2Registers.Cfg1HighResolutionShift) | (stops << Gpx2Registers.Cfg1HitEnaStop1));

            // Separate FIFO per channel. The TDC-GPX2's bit widths: a 24-bit index (the result register's width, so
            // the index wraps every 2^24 periods whichever width SPI readout honours) and 20-bit stop data (holds
            // any REFCLK_DIVISIONS). The AS6500 fixes these bits to 0 and always delivers 24 bits.
            cfg[2] = as6500 ? (byte)0 : (byte)((Gpx2Registers.StopDataBitwidth20 << Gpx2Registers.Cfg2StopDataBitwidthShift)
                | (Gpx2Registers.RefIndexBitwidth24 << Gpx2Registers.Cfg2RefIndexBitwidthShift));
            cfg[3] = (byte)RefclkDivisions;
            cfg[4] = (byte)(RefclkDivisions >> 8);
            cfg[5] = (byte)((RefclkDivisions >> 16) & 0x0F);
            cfg[6] = Gpx2Registers.Cfg6Value;

            // External REFCLK (REFCLK_BY_XOSC 0); on the TDC-GPX2 LVDS_DATA_VALID_ADJUST 1 (0 ps).
            cfg[7] = as6500 ? Gpx2Registers.Cfg7FixedAs6500
                : (byte)(Gpx2Registers.Cfg7FixedGpx2 | (1 << Gpx2Registers.Cfg7LvdsDataValidAdjustShift));
            for (int r = Gpx2Registers.Cfg8; r <= 15; r++)
            {
                cfg[r] = Gpx2Registers.FixedConfig(Part, r);
            }

            cfg[16] = as6500 || CmosInputs ? Gpx2Registers.Cfg16CmosInput : (byte)0;
            return cfg;
        }

        /// <summary>Bit n set when STOP(n+1) carries a logical channel.</summary>
        public int EnabledStopMask()
        {
            int mask = 0;
            for (int i = 0; i < Gpx2Registers.StopChannels && i < LogicalChannelOfStop.Length; i++)
            {
                if (LogicalChannelOfStop[i] != 0xFF)
                {
                    mask |= 1 << i;
                }
            }

            return mask;
        }
    }
}

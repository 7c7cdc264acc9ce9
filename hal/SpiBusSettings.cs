namespace GroundStation.Hal
{
    /// <summary>
    /// How a chip wants its SPI bus driven, as its datasheet gives it: the clock mode (CPOL/CPHA) and the fastest
    /// clock it accepts. The driver of the chip owns these (one source of truth per chip); a board adapter takes
    /// them from the driver when it opens the bus and only ever lowers the clock to what the board can carry.
    /// </summary>
    public sealed class SpiBusSettings
    {
        /// <param name="mode">SPI mode 0..3 = CPOL * 2 + CPHA.</param>
        /// <param name="maxClockHz">Fastest SCLK the chip accepts.</param>
        public SpiBusSettings(int mode, int maxClockHz)
        {
            if (mode < 0 || mode > 3)
            {
                throw new System.ArgumentOutOfRangeException("mode");
            }

            if (maxClockHz <= 0)
            {
                throw new System.ArgumentOutOfRangeException("maxClockHz");
            }

            Mode = mode;
            MaxClockHz = maxClockHz;
        }

        /// <summary>SPI mode 0..3 (CPOL * 2 + CPHA).</summary>
        public int Mode { get; }

        /// <summary>Fastest SCLK the chip accepts, in hertz.</summary>
        public int MaxClockHz { get; }

        /// <summary>The clock to run at on a bus that carries at most <paramref name="boardLimitHz"/> (0: no limit).</summary>
        public int ClockHzOn(int boardLimitHz)
        {
            return boardLimitHz > 0 && boardLimitHz < MaxClockHz ? boardLimitHz : MaxClockHz;
        }

        /// <summary>"mode 1 (CPOL 0, CPHA 1)", for messages and reports.</summary>
        public static string DescribeMode(int mode)
        {
            return "mode " + mode + " (CPOL " + (mode >> 1) + ", CPHA " + (mode & 1) + ")";
        }

        public override string ToString()
        {
            return DescribeMode(Mode) + ", up to " + MaxClockHz + " Hz";
        }
    }
}

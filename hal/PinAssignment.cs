namespace GroundStation.Hal
{
    /// <summary>One line of a board's pin map: the GPIO number, what it is called and what it does.</summary>
    public struct PinAssignment
    {
        public PinAssignment(int pin, string name, PinRole role)
        {
            Pin = pin;
            Name = name;
            Role = role;
        }

        public int Pin { get; }

        /// <summary>The signal name used in error messages and the README pin table, e.g. "tagger CS".</summary>
        public string Name { get; }

        public PinRole Role { get; }

        /// <summary>True for roles the MCU drives.</summary>
        public bool IsOutput
        {
            get
            {
                return Role == PinRole.SpiOutput || Role == PinRole.ChipSelect || Role == PinRole.OutputIdleLow
                    || Role == PinRole.OutputIdleHigh || Role == PinRole.UartTx;
            }
        }
    }
}

namespace GroundStation.Hal
{
    /// <summary>
    /// What a pin does on the board, and so what level the circuit puts on it while the chip is in reset. The pin-map
    /// validators use this to decide whether a boot-strapping pin is safe for the job.
    /// </summary>
    public enum PinRole
    {
        /// <summary>SPI clock or MOSI: driven by the MCU only after boot; floats at reset.</summary>
        SpiOutput = 0,

        /// <summary>SPI MISO: driven by the chips (or floating) at reset.</summary>
        SpiInput = 1,

        /// <summary>SPI chip select, active low: pulled up on the board, high at reset.</summary>
        ChipSelect = 2,

        /// <summary>An output whose safe idle level is low and which is pulled down on the board (detector gate, shutter, LED).</summary>
        OutputIdleLow = 3,

        /// <summary>An output whose safe idle level is high and which is pulled up on the board.</summary>
        OutputIdleHigh = 4,

        /// <summary>An input driven by another device (interrupt, fault line): its level at reset is not ours to choose.</summary>
        ExternalInput = 5,

        /// <summary>UART transmit: driven by the MCU only after boot.</summary>
        UartTx = 6,

        /// <summary>UART receive: driven high by the peer's idle transmitter at reset.</summary>
        UartRx = 7,
    }
}

namespace GroundStation.Hal
{
    /// <summary>What went wrong in the hardware layer. The number is stable: it is reported in telemetry.</summary>
    public enum HalFault
    {
        None = 0,
        SpiTransferFailed = 1,
        DeviceAbsent = 2,
        StoreCorrupt = 3,
        StoreWriteFailed = 4,
        SerialFailed = 5,
        PinMapInvalid = 6,

        /// <summary>A GPIO line could not be opened, read or written.</summary>
        GpioFailed = 7,

        /// <summary>The board came up from a watchdog reset (counted once at start-up).</summary>
        WatchdogReset = 8,
    }
}

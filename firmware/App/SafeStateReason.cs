namespace GroundStation.Firmware.App
{
    /// <summary>
    /// Why the detectors are gated off. Several can hold at once (a bit set); each is cleared only by an explicit
    /// operator action. The numbers are stable: they appear in telemetry and on the console.
    /// </summary>
    public enum SafeStateReason
    {
        None = 0,

        /// <summary>Start-up: detectors stay off until the operator or host enables them.</summary>
        AwaitingEnable = 1,

        /// <summary>A driver or bus fault (chip missing, SPI failure, configuration read-back mismatch).</summary>
        DriverFault = 2,

        /// <summary>A detector's count rate exceeded its over-light limit; the channel's latch is set.</summary>
        OverLight = 4,

        /// <summary>No valid frame from the host for longer than the configured link-loss time.</summary>
        LinkLost = 8,

        /// <summary>The last reset was caused by the watchdog.</summary>
        WatchdogReset = 16,

        /// <summary>The stored configuration was corrupt or unreadable and safe defaults were loaded.</summary>
        ConfigurationReplaced = 32,

        /// <summary>A detector module raised its fault line.</summary>
        DetectorFault = 64,
    }
}

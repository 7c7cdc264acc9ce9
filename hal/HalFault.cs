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
    }
}

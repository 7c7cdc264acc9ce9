namespace GroundStation.Firmware.App
{
    /// <summary>
    /// Reports free managed heap in bytes (nanoFramework: Runtime.Native.GC.Run(false)); -1 when unknown.
    /// Supplied by the board because the call is platform-specific.
    /// </summary>
    public delegate long FreeMemoryReader();
}

namespace GroundStation.Firmware.Drivers.Gpx2
{
    /// <summary>
    /// The member of the family on the board. Same opcodes, result registers and SPI; they differ in configuration
    /// values the datasheets fix (README.md, "Facts relied on"): the AS6500 has no LVDS output, so its CFG2 bit-width
    /// fields are fixed zero, and CFG7 and CFG13 hold other fixed values.
    /// </summary>
    public enum Gpx2Part
    {
        /// <summary>ScioSense (formerly ams/acam) TDC-GPX2: LVDS or SPI readout.</summary>
        TdcGpx2 = 0,

        /// <summary>ScioSense AS6500: SPI readout only.</summary>
        As6500 = 1,
    }
}

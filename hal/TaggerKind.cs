namespace GroundStation.Hal
{
    /// <summary>Which time tagger a board carries on its tagger chip select (the board definition names it).</summary>
    public enum TaggerKind
    {
        /// <summary>The FPGA FIFO tagger (firmware/Drivers/FifoTagger, register map v1.0): 8 inputs.</summary>
        FifoTagger = 0,

        /// <summary>A ScioSense TDC-GPX2 read over SPI (firmware/Drivers/Gpx2): 4 stop inputs.</summary>
        TdcGpx2 = 1,

        /// <summary>A ScioSense AS6500, the SPI-only member of the GPX2 family (same driver, its own fixed values).</summary>
        As6500 = 2,
    }
}

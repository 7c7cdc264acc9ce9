namespace GroundStation.Firmware.App.NativeTask
{
    /// <summary>
    /// What the acquisition task needs to own the tagger's bus (NativeAcquisition.Start): the ESP-IDF SPI host
    /// (spi_host_device_t: 1 = SPI2_HOST, managed bus 1; 2 = SPI3_HOST, managed bus 2), the bus and chip-select pins,
    /// the tagger's READY_N pin (-1: the task polls every tick), the SPI clock and the detector gate pins the task
    /// pulls low itself on an over-light crossing (detector order). Supplied by the board from its pin map.
    /// </summary>
    public sealed class NativeTaskWiring
    {
        public int SpiHost;
        public int SclkPin;
        public int MosiPin;
        public int MisoPin;
        public int ChipSelectPin;
        public int ReadyPin = -1;
        public int ClockHz;
        public int[] GatePins = new int[0];
    }
}

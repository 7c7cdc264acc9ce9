namespace GroundStation.Hal
{
    /// <summary>
    /// Everything a board hands to the firmware application: its buses, pins, serial port, clock, store, watchdog,
    /// LED, random source, memory budget, fault counters and its wiring (which tagger, which DAC/ADC channel per detector). A board's Program fills one of these from its pin map
    /// (validated first), calls <see cref="Validate"/>, and passes it to the application; the application never
    /// touches a pin or bus any other way.
    /// </summary>
    public sealed class BoardResources
    {
        /// <summary>Detector channels every board wires (enable/gate and fault line per channel).</summary>
        public const int DetectorCount = 4;

        public BoardResources(string boardName)
        {
            BoardName = boardName;
            DetectorGates = new IDigitalOutput[DetectorCount];
            DetectorFaults = new IDigitalInput[DetectorCount];
            Faults = new HalFaultCounters();
        }

        /// <summary>Human-readable board name reported in telemetry, e.g. "esp32-devkitc".</summary>
        public string BoardName { get; }

        /// <summary>The time tagger's SPI device.</summary>
        public ISpiDevice Tagger { get; set; }

        /// <summary>The time tagger's interrupt line (data ready / FIFO threshold).</summary>
        public IDigitalInput TaggerInterrupt { get; set; }

        /// <summary>The DAC that sets detector bias / discriminator thresholds.</summary>
        public ISpiDevice Dac { get; set; }

        /// <summary>The ADC that reads detector temperatures and supply monitors.</summary>
        public ISpiDevice Adc { get; set; }

        /// <summary>
        /// Per-detector enable/gate outputs, index = detector channel. High = detector counting; low = gated off,
        /// which is the safe state the firmware falls back to on any fault.
        /// </summary>
        public IDigitalOutput[] DetectorGates { get; }

        /// <summary>Per-detector fault inputs, index = detector channel. High = the detector module reports a fault.</summary>
        public IDigitalInput[] DetectorFaults { get; }

        /// <summary>Optional optical shutter in front of the detectors (high = open); null when the board has none.</summary>
        public IDigitalOutput Shutter { get; set; }

        /// <summary>The UART to the host (gsctl).</summary>
        public ISerialPort HostSerial { get; set; }

        public IMonotonicClock Clock { get; set; }

        public IConfigStore ConfigStore { get; set; }

        public IWatchdog Watchdog { get; set; }

        public IStatusLed StatusLed { get; set; }

        public IRandomSource Random { get; set; }

        /// <summary>How much the firmware may preallocate on this board.</summary>
        public BufferBudget Buffers { get; set; }

        /// <summary>The board definition's tagger choice and detector wiring (which DAC output and ADC inputs serve which detector).</summary>
        public BoardWiring Wiring { get; set; }

        /// <summary>Fault counters shared by every adapter of this board; telemetry reports them.</summary>
        public HalFaultCounters Faults { get; }

        /// <summary>
        /// Checks that every required resource is present, so a board that forgot one fails at start-up with the
        /// resource's name instead of a null reference deep in the firmware. <see cref="Shutter"/> is optional.
        /// </summary>
        /// <exception cref="HalException"><see cref="HalFault.PinMapInvalid"/>, naming the missing resource.</exception>
        public void Validate()
        {
            Require(Tagger, "Tagger");
            Require(TaggerInterrupt, "TaggerInterrupt");
            Require(Dac, "Dac");
            Require(Adc, "Adc");
            Require(HostSerial, "HostSerial");
            Require(Clock, "Clock");
            Require(ConfigStore, "ConfigStore");
            Require(Watchdog, "Watchdog");
            Require(StatusLed, "StatusLed");
            Require(Random, "Random");
            Require(Buffers, "Buffers");
            Require(Wiring, "Wiring");
            Wiring.Validate(BoardName, Faults);
            for (int i = 0; i < DetectorCount; i++)
            {
                Require(DetectorGates[i], "DetectorGates[" + i + "]");
                Require(DetectorFaults[i], "DetectorFaults[" + i + "]");
            }
        }

        private void Require(object resource, string name)
        {
            if (resource == null)
            {
                throw Faults.Raise(HalFault.PinMapInvalid, BoardName, name + " is not wired on this board");
            }
        }
    }
}

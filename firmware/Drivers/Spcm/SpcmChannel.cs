using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// The wiring and limits of one SPCM-class detector module. Channel index = tagger channel (0..3 = H, V, D, A).
    /// </summary>
    public sealed class SpcmChannel
    {
        public SpcmChannel(IDigitalOutput enable, IDigitalOutput gate, IDigitalInput faultInput)
        {
            Enable = enable;
            Gate = gate;
            FaultInput = faultInput;
            MaxCountsPerWindow = 2000;
            DeadTimeNanoseconds = 22;
            DacIndex = -1;
            BiasAdcChannel = -1;
            TemperatureAdcChannel = -1;
            BiasMonitorNumerator = 1;
            BiasMonitorDenominator = 1;
            TemperatureOffsetMillivolts = 500;
            TemperatureMicrovoltsPerDegree = 10000;
        }

        /// <summary>Module power/bias enable (high = on).</summary>
        public IDigitalOutput Enable { get; private set; }

        /// <summary>TTL gate (high = counting).</summary>
        public IDigitalOutput Gate { get; private set; }

        /// <summary>Module fault output, active low; null when not wired.</summary>
        public IDigitalInput FaultInput { get; private set; }

        /// <summary>Over-light limit: most detections tolerated within the controller's sliding window.</summary>
        public int MaxCountsPerWindow { get; set; }

        /// <summary>Dead time used for rate correction.</summary>
        public int DeadTimeNanoseconds { get; set; }

        /// <summary>Which DAC of the controller sets this module's bias (-1: none) and its output (0 = A, 1 = B).</summary>
        public int DacIndex { get; set; }

        public int DacChannel { get; set; }

        /// <summary>ADC channel of the bias monitor (-1: none) and the divider from ADC volts to bias volts.</summary>
        public int BiasAdcChannel { get; set; }

        public int BiasMonitorNumerator { get; set; }

        public int BiasMonitorDenominator { get; set; }

        /// <summary>ADC channel of the module temperature sensor (-1: none), linear: offset at 0 degC and slope.</summary>
        public int TemperatureAdcChannel { get; set; }

        public int TemperatureOffsetMillivolts { get; set; }

        public int TemperatureMicrovoltsPerDegree { get; set; }
    }
}

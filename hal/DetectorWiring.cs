namespace GroundStation.Hal
{
    /// <summary>
    /// How one detector module is wired to the board's analog front end: which output of the bias DAC sets its bias,
    /// which ADC inputs monitor its bias (through a divider) and its temperature sensor. -1 means "not wired".
    /// </summary>
    public sealed class DetectorWiring
    {
        public DetectorWiring(int dacOutput, int biasAdcChannel, int temperatureAdcChannel)
        {
            DacOutput = dacOutput;
            BiasAdcChannel = biasAdcChannel;
            TemperatureAdcChannel = temperatureAdcChannel;
            BiasMonitorNumerator = 1;
            BiasMonitorDenominator = 1;
            TemperatureOffsetMillivolts = 500;
            TemperatureMicrovoltsPerDegree = 10000;
        }

        /// <summary>Output of the bias DAC (0 = A, 1 = B) that sets this detector's bias; -1: none.</summary>
        public int DacOutput { get; set; }

        /// <summary>ADC input reading the bias monitor; -1: none.</summary>
        public int BiasAdcChannel { get; set; }

        /// <summary>ADC input reading the module's temperature sensor; -1: none.</summary>
        public int TemperatureAdcChannel { get; set; }

        /// <summary>Bias = ADC millivolts x numerator / denominator (the monitor divider, inverted).</summary>
        public int BiasMonitorNumerator { get; set; }

        public int BiasMonitorDenominator { get; set; }

        /// <summary>Linear temperature sensor: output at 0 degC (MCP9700: 500 mV) and slope (MCP9700: 10 mV/degC).</summary>
        public int TemperatureOffsetMillivolts { get; set; }

        public int TemperatureMicrovoltsPerDegree { get; set; }
    }
}

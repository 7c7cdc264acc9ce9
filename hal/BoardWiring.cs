namespace GroundStation.Hal
{
    /// <summary>
    /// What a board definition says about the chips behind its buses: which time tagger it carries (and, for a
    /// TDC-GPX2 / AS6500, its reference clock and which logical channel each stop input carries), the references of
    /// its bias DAC and monitor ADC, and which DAC output and ADC inputs serve which detector. The firmware builds its
    /// drivers from this; the board adapter opens the tagger's bus with the settings of the driver named here.
    /// </summary>
    public sealed class BoardWiring
    {
        /// <summary>Stop inputs of a TDC-GPX2 / AS6500.</summary>
        public const int TaggerStops = 4;

        /// <summary>A stop input that carries no channel.</summary>
        public const byte UnusedStop = 0xFF;

        /// <summary>Logical channels a tagger reports: detectors 0..3 (H, V, D, A) and the beacon 4.</summary>
        public const int LogicalChannels = 5;

        /// <summary>Inputs of the monitor ADC (MCP3208) and outputs of the bias DAC (MCP4922).</summary>
        public const int AdcInputs = 8;
        public const int DacOutputs = 2;

        public BoardWiring(TaggerKind tagger)
        {
            Tagger = tagger;
            TaggerReferenceClockPeriodPicoseconds = 200000;
            TaggerStopChannels = new byte[] { 0, 1, 2, 4 };
            Detectors = new DetectorWiring[BoardResources.DetectorCount];
        }

        public TaggerKind Tagger { get; set; }

        /// <summary>TDC-GPX2 / AS6500 only: period of the REFCLK the board feeds the chip (5 MHz = 200 000 ps).</summary>
        public long TaggerReferenceClockPeriodPicoseconds { get; set; }

        /// <summary>
        /// TDC-GPX2 / AS6500 only: logical channel of STOP1..STOP4 (<see cref="UnusedStop"/>: not wired). One 4-stop
        /// chip cannot carry four detectors and the beacon; the default wires H, V, D and the beacon.
        /// </summary>
        public byte[] TaggerStopChannels { get; set; }

        /// <summary>VREF of the bias DAC.</summary>
        public int DacReferenceMillivolts { get; set; }

        /// <summary>VREF of the monitor ADC.</summary>
        public int AdcReferenceMillivolts { get; set; }

        /// <summary>Per detector channel (0..3 = H, V, D, A).</summary>
        public DetectorWiring[] Detectors { get; }

        /// <summary>
        /// The bench's detector front end: one MCP4922 (VREF 2.048 V) whose output A biases detectors 1 and 2 and
        /// output B detectors 3 and 4, one MCP3208 (VREF 3.3 V) reading the bias monitors on inputs 0-3 and
        /// MCP9700-type temperature sensors on inputs 4-7.
        /// </summary>
        public static BoardWiring BenchFrontEnd(TaggerKind tagger)
        {
            BoardWiring wiring = new BoardWiring(tagger);
            wiring.DacReferenceMillivolts = 2048;
            wiring.AdcReferenceMillivolts = 3300;
            for (int i = 0; i < BoardResources.DetectorCount; i++)
            {
                wiring.Detectors[i] = new DetectorWiring(i / 2, i, 4 + i);
            }

            return wiring;
        }

        /// <summary>Checks the wiring can exist; throws <see cref="HalFault.PinMapInvalid"/> naming what is wrong.</summary>
        public void Validate(string board, HalFaultCounters faults)
        {
            if (TaggerStopChannels == null || TaggerStopChannels.Length != TaggerStops)
            {
                throw Reject(board, "TaggerStopChannels needs " + TaggerStops + " entries", faults);
            }

            for (int s = 0; s < TaggerStops; s++)
            {
                byte channel = TaggerStopChannels[s];
                if (channel != UnusedStop && channel >= LogicalChannels)
                {
                    throw Reject(board, "STOP" + (s + 1) + " carries channel " + channel + ", not one of 0..4", faults);
                }

                for (int t = 0; t < s; t++)
                {
                    if (channel != UnusedStop && TaggerStopChannels[t] == channel)
                    {
                        throw Reject(board, "STOP" + (t + 1) + " and STOP" + (s + 1) + " both carry channel " + channel, faults);
                    }
                }
            }

            if (TaggerReferenceClockPeriodPicoseconds <= 0 || DacReferenceMillivolts <= 0 || AdcReferenceMillivolts <= 0)
            {
                throw Reject(board, "reference clock period and DAC/ADC references must be positive", faults);
            }

            for (int i = 0; i < Detectors.Length; i++)
            {
                DetectorWiring d = Detectors[i];
                if (d == null)
                {
                    throw Reject(board, "detector " + (i + 1) + " has no wiring", faults);
                }

                if (d.DacOutput < -1 || d.DacOutput >= DacOutputs)
                {
                    throw Reject(board, "detector " + (i + 1) + ": DAC output " + d.DacOutput + " does not exist", faults);
                }

                if (d.BiasMonitorNumerator <= 0 || d.BiasMonitorDenominator <= 0 || d.TemperatureMicrovoltsPerDegree == 0)
                {
                    throw Reject(board, "detector " + (i + 1) + ": monitor divider and sensor slope must be non-zero", faults);
                }

                CheckAdcInput(board, i, d.BiasAdcChannel, faults);
                CheckAdcInput(board, i, d.TemperatureAdcChannel, faults);
            }
        }

        private void CheckAdcInput(string board, int detector, int input, HalFaultCounters faults)
        {
            if (input == -1)
            {
                return;
            }

            if (input < 0 || input >= AdcInputs)
            {
                throw Reject(board, "detector " + (detector + 1) + ": ADC input " + input + " does not exist", faults);
            }

            int uses = 0;
            for (int i = 0; i < Detectors.Length; i++)
            {
                DetectorWiring d = Detectors[i];
                if (d != null)
                {
                    uses += (d.BiasAdcChannel == input ? 1 : 0) + (d.TemperatureAdcChannel == input ? 1 : 0);
                }
            }

            if (uses > 1)
            {
                throw Reject(board, "ADC input " + input + " is wired to more than one monitor", faults);
            }
        }

        private static HalException Reject(string board, string reason, HalFaultCounters faults)
        {
            return faults.Raise(HalFault.PinMapInvalid, board, "board wiring rejected: " + reason);
        }
    }
}

using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Firmware.App.Config
{
    /// <summary>
    /// Puts a configuration into effect on the running firmware. Every field that can change between two detections
    /// does so at once: coincidence window and skews (timing), over-light limits and bias (detectors), receiver map
    /// and QBER alarm threshold (sifting), link-loss timeout (link). The pulse rate, beacon period, frame length and
    /// omitted frame positions shape the whole clock model (its arrays and fixed-point scales are sized from them at
    /// start-up), so they take effect at the next start; <see cref="Apply"/> names those that differ from the running ones.
    /// </summary>
    public sealed class LiveConfiguration
    {
        /// <summary>Over-light is judged on counts within this much tagger time (1 ms), well inside the 10 ms budget.</summary>
        public const long OverLightWindowPs = 1000000000L;

        private readonly TimingConfig _running;
        private readonly ITimingEngine _timing;
        private readonly SpcmController _detectors;
        private readonly SpcmChannel[] _channels;
        private readonly BoardWiring _wiring;
        private readonly ReceiverMap _receiver;
        private readonly SiftingConfig _sifting;
        private readonly LinkSettings _link;

        /// <param name="running">The timing settings the engine was built with.</param>
        public LiveConfiguration(TimingConfig running, ITimingEngine timing, SpcmController detectors, SpcmChannel[] channels,
            BoardWiring wiring, SiftingConfig sifting, LinkSettings link)
        {
            _running = running;
            _timing = timing;
            _detectors = detectors;
            _channels = channels;
            _wiring = wiring;
            _sifting = sifting;
            _receiver = sifting.Receiver;
            _link = link;
        }

        /// <summary>
        /// Applies every live field of <paramref name="config"/>; returns the names of the fields that differ from
        /// the running values and wait for a restart (comma-separated), or "" when everything took effect.
        /// </summary>
        /// <exception cref="HalException">Writing a bias to the DAC failed (everything else was applied).</exception>
        public string Apply(DeviceConfig config)
        {
            ApplyWithoutBias(config);
            ApplyBias(config);
            return AtRestart(config);
        }

        /// <summary>Every live field but the bias (which needs the DAC to answer).</summary>
        public void ApplyWithoutBias(DeviceConfig config)
        {
            _timing.SetCoincidenceWindowPs(config.CoincidenceWindowPs);
            _timing.SetSkewTablePs(config.SkewPs);
            for (int i = 0; i < _channels.Length; i++)
            {
                _channels[i].MaxCountsPerWindow = CountsPerWindow(config.OverLightLimitCountsPerSecond[i]);
                _receiver.Assign(i, config.ReceiverMap[i] >> 1, config.ReceiverMap[i] & 1);
            }

            _sifting.QberAlarmThresholdPpm = config.QberAlarmThresholdPpm;
            _link.LinkTimeoutMicroseconds = config.LinkLossTimeoutMs * 1000;
        }

        /// <summary>Writes each wired detector's configured bias to its DAC output.</summary>
        public void ApplyBias(DeviceConfig config)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_wiring.Detectors[i].DacOutput >= 0)
                {
                    _detectors.SetBiasMillivolts(i, config.BiasMillivolts[i]);
                }
            }
        }

        /// <summary>The over-light limit as counts in the controller's window.</summary>
        public static int CountsPerWindow(int countsPerSecond)
        {
            return (int)((long)countsPerSecond * OverLightWindowPs / 1000000000000L);
        }

        private string AtRestart(DeviceConfig config)
        {
            string fields = "";
            if (config.PulseRateHz != _running.PulseRateHz)
            {
                fields = Append(fields, "PulseRateHz");
            }

            if (config.BeaconPeriodSlots != _running.BeaconPeriodSlots)
            {
                fields = Append(fields, "BeaconPeriodSlots");
            }

            if (config.FrameLengthBeacons != _running.FrameLengthBeacons)
            {
                fields = Append(fields, "FrameLengthBeacons");
            }

            if (!SameList(config.OmittedFramePositions, _running.OmittedFramePositions))
            {
                fields = Append(fields, "OmittedFramePositions");
            }

            return fields;
        }

        private static string Append(string list, string field)
        {
            return list.Length == 0 ? field : list + "," + field;
        }

        private static bool SameList(int[] a, int[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

using GroundStation.Firmware.Drivers.Mcp320x;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// Keeps SPCM-class detector modules alive: enable and gate lines, bias through MCP4922 DACs, bias and
    /// temperature read back through an MCP3208, and over-light protection. The application hands every readout
    /// batch to <see cref="OnDetections"/>; the rate check runs per detection inside that call, so a channel whose
    /// count in the sliding window exceeds its limit has its gate and enable cut before the call returns. A fault is
    /// latched until <see cref="ClearFault"/> (an operator command). Allocation-free per detection.
    /// </summary>
    public sealed class SpcmController
    {
        private readonly SpcmChannel[] _channels;
        private readonly Mcp4922[] _dacs;
        private readonly Mcp3208 _adc;
        private readonly IDigitalOutput _shutter;
        private readonly IMonotonicClock _clock;
        private readonly SlidingCountWindow[] _windows;
        private readonly SpcmFault[] _latched;
        private readonly long[] _faultCounts;
        private readonly long[] _tripTaggerPicoseconds;
        private readonly long[] _tripBoardMicroseconds;
        private readonly long[] _darkCounts;
        private readonly long[] _darkCountsPerSecond;
        private readonly object _sync = new object();
        private readonly int[] _limits;
        private readonly int[] _overLightProgress = new int[2];
        private IOverLightCounter _counter;
        private long _darkStartMicroseconds;
        private long _darkEndMicroseconds;
        private bool _darkRunning;

        /// <param name="channels">One entry per detector; index = tagger channel.</param>
        /// <param name="dacs">Bias DACs referenced by <see cref="SpcmChannel.DacIndex"/> (may be empty).</param>
        /// <param name="adc">Monitor ADC (null when not fitted).</param>
        /// <param name="shutter">Shutter line, high = closed (null when not fitted).</param>
        /// <param name="windowPicoseconds">Over-light window in tagger time (e.g. 1 ms = 1e9 ps).</param>
        public SpcmController(SpcmChannel[] channels, Mcp4922[] dacs, Mcp3208 adc, IDigitalOutput shutter,
            IMonotonicClock clock, long windowPicoseconds)
        {
            _channels = channels;
            _dacs = dacs;
            _adc = adc;
            _shutter = shutter;
            _clock = clock;
            int n = channels.Length;
            _windows = new SlidingCountWindow[n];
            _latched = new SpcmFault[n];
            _faultCounts = new long[n];
            _tripTaggerPicoseconds = new long[n];
            _tripBoardMicroseconds = new long[n];
            _darkCounts = new long[n];
            _darkCountsPerSecond = new long[n];
            _limits = new int[n];
            for (int i = 0; i < n; i++)
            {
                _windows[i] = new SlidingCountWindow(windowPicoseconds);
                if (channels[i].FaultInput != null)
                {
                    channels[i].FaultInput.Edge += OnFaultEdge;
                }
            }
        }

        /// <summary>
        /// Hands the over-light windows to <paramref name="counter"/> (the native core; null: the managed windows).
        /// Call at start-up, before the first detection; gating, latching and the event stay here.
        /// </summary>
        public void UseOverLightCounter(IOverLightCounter counter)
        {
            _counter = counter;
        }

        /// <summary>Raised when a channel is latched off.</summary>
        public event SpcmFaultHandler Faulted;

        public int ChannelCount
        {
            get { return _channels.Length; }
        }

        public SpcmFault LatchedFault(int channel)
        {
            return _latched[channel];
        }

        /// <summary>Times the channel has been latched off since boot (telemetry).</summary>
        public long FaultCount(int channel)
        {
            return _faultCounts[channel];
        }

        /// <summary>Tagger time of the detection that crossed the limit at the last over-light trip.</summary>
        public long LastTripTaggerPicoseconds(int channel)
        {
            return _tripTaggerPicoseconds[channel];
        }

        /// <summary>Board time at which the gate was cut at the last trip.</summary>
        public long LastTripBoardMicroseconds(int channel)
        {
            return _tripBoardMicroseconds[channel];
        }

        /// <summary>Detections in the channel's current window.</summary>
        public int CountsInWindow(int channel)
        {
            return _counter != null ? _counter.Count(channel) : _windows[channel].Count;
        }

        /// <summary>Switches a channel on (enable, then gate) or off. Refused (false) while a fault is latched.</summary>
        public bool SetChannelOn(int channel, bool on)
        {
            lock (_sync)
            {
                if (on && _latched[channel] != SpcmFault.None)
                {
                    return false;
                }

                if (on)
                {
                    if (_counter != null)
                    {
                        _counter.Clear(channel);
                    }
                    else
                    {
                        _windows[channel].Clear();
                    }

                    _channels[channel].Enable.Write(true);
                    _channels[channel].Gate.Write(true);
                }
                else
                {
                    _channels[channel].Gate.Write(false);
                    _channels[channel].Enable.Write(false);
                }

                return true;
            }
        }

        /// <summary>Operator command: clears a latched fault and switches the channel back on.</summary>
        /// <returns>False when the module still signals a fault (it stays off).</returns>
        public bool ClearFault(int channel)
        {
            lock (_sync)
            {
                IDigitalInput fault = _channels[channel].FaultInput;
                if (fault != null && !fault.IsHigh)
                {
                    return false;
                }

                _latched[channel] = SpcmFault.None;
                return SetChannelOn(channel, true);
            }
        }

        /// <summary>
        /// Feeds one readout batch (the arrays a tagger's ReadBatch filled). Channels beyond the detectors (beacon)
        /// are ignored. Trips latch within this call.
        /// </summary>
        public void OnDetections(long[] timestampsPicoseconds, byte[] channels, int offset, int count)
        {
            int n = _channels.Length;
            int end = offset + count;
            if (_darkRunning)
            {
                for (int i = offset; i < end; i++)
                {
                    int c = channels[i];
                    if (c < n)
                    {
                        _darkCounts[c]++;
                    }
                }
            }

            if (_counter != null)
            {
                AddElsewhere(timestampsPicoseconds, channels, offset, end);
                return;
            }

            // Channel by channel: each window picks its detections out of the batch (README "Over-light protection").
            for (int c = 0; c < n; c++)
            {
                int i = offset;
                while (i < end && _latched[c] == SpcmFault.None)
                {
                    i = _windows[c].Add(timestampsPicoseconds, channels, i, end, c, _channels[c].MaxCountsPerWindow);
                    if (i < end)
                    {
                        Trip(c, SpcmFault.OverLight, timestampsPicoseconds[i]);
                        i++;
                    }
                }
            }
        }

        /// <summary>The windows in the counter: it stops at each crossing, which trips (and so latches) that channel.</summary>
        private void AddElsewhere(long[] timestampsPicoseconds, byte[] channels, int from, int end)
        {
            int latched = 0;
            for (int c = 0; c < _limits.Length; c++)
            {
                _limits[c] = _channels[c].MaxCountsPerWindow;
                if (_latched[c] != SpcmFault.None)
                {
                    latched |= 1 << c;
                }
            }

            int[] progress = _overLightProgress;
            progress[0] = 0;
            while (_counter.Add(timestampsPicoseconds, channels, from, end, _limits, latched, progress))
            {
                int c = progress[0];
                Trip(c, SpcmFault.OverLight, timestampsPicoseconds[progress[1]]);
                latched |= 1 << c;
                progress[0] = c + 1;
            }
        }

        /// <summary>Checks the module fault lines (for boards that poll rather than take edges).</summary>
        public void PollFaultInputs()
        {
            for (int c = 0; c < _channels.Length; c++)
            {
                IDigitalInput fault = _channels[c].FaultInput;
                if (fault != null && !fault.IsHigh && _latched[c] == SpcmFault.None)
                {
                    Trip(c, SpcmFault.ModuleFault, 0);
                }
            }
        }

        /// <summary>Measured rate over the last window, counts per second.</summary>
        public long MeasuredRateHz(int channel)
        {
            long windowPs = _counter != null ? _counter.WindowPicoseconds : _windows[channel].WindowPicoseconds;
            return (long)CountsInWindow(channel) * 1000000000000L / windowPs;
        }

        /// <summary>Measured rate corrected for the channel's dead time.</summary>
        public long CorrectedRateHz(int channel)
        {
            return DeadTimeCorrection.CorrectedRateHz(MeasuredRateHz(channel), _channels[channel].DeadTimeNanoseconds);
        }

        // ---- bias and monitors ----

        /// <summary>Sets a module's bias control voltage through its DAC.</summary>
        public void SetBiasMillivolts(int channel, int millivolts)
        {
            SpcmChannel ch = _channels[channel];
            Mcp4922 dac = _dacs[ch.DacIndex];
            dac.Write(ch.DacChannel, dac.CodeForMillivolts(millivolts));
        }

        /// <summary>Bias read back through the monitor divider and the ADC.</summary>
        public int ReadBiasMillivolts(int channel)
        {
            SpcmChannel ch = _channels[channel];
            return (int)((long)_adc.ReadMillivolts(ch.BiasAdcChannel) * ch.BiasMonitorNumerator / ch.BiasMonitorDenominator);
        }

        /// <summary>Module temperature from a linear sensor, in milli-degrees Celsius.</summary>
        public int ReadTemperatureMilliCelsius(int channel)
        {
            SpcmChannel ch = _channels[channel];
            long mv = _adc.ReadMillivolts(ch.TemperatureAdcChannel);
            return (int)((mv - ch.TemperatureOffsetMillivolts) * 1000000 / ch.TemperatureMicrovoltsPerDegree);
        }

        // ---- dark counts ----

        /// <summary>
        /// Closes the shutter (if fitted; otherwise the operator covers the telescope) and counts every detection
        /// handed to <see cref="OnDetections"/> for the given board-clock duration. Call <see cref="PollDarkCount"/>
        /// from the application loop to finish.
        /// </summary>
        public void StartDarkCount(long durationMicroseconds)
        {
            if (_shutter != null)
            {
                _shutter.Write(true);
            }

            for (int c = 0; c < _darkCounts.Length; c++)
            {
                _darkCounts[c] = 0;
            }

            _darkStartMicroseconds = _clock.NowMicroseconds;
            _darkEndMicroseconds = _darkStartMicroseconds + durationMicroseconds;
            _darkRunning = true;
        }

        public bool DarkCountRunning
        {
            get { return _darkRunning; }
        }

        /// <summary>Ends the dark-count measurement when its time is up; returns true when it just completed.</summary>
        public bool PollDarkCount()
        {
            if (!_darkRunning || _clock.NowMicroseconds < _darkEndMicroseconds)
            {
                return false;
            }

            _darkRunning = false;
            long duration = _clock.NowMicroseconds - _darkStartMicroseconds;
            for (int c = 0; c < _darkCounts.Length; c++)
            {
                _darkCountsPerSecond[c] = duration > 0 ? _darkCounts[c] * 1000000 / duration : 0;
            }

            if (_shutter != null)
            {
                _shutter.Write(false);
            }

            return true;
        }

        /// <summary>Result of the last completed dark-count measurement, counts per second.</summary>
        public long DarkCountsPerSecond(int channel)
        {
            return _darkCountsPerSecond[channel];
        }

        private void OnFaultEdge(int pinNumber, bool rising, long timestampMicroseconds)
        {
            if (!rising)
            {
                PollFaultInputs();
            }
        }

        private void Trip(int channel, SpcmFault fault, long taggerPicoseconds)
        {
            lock (_sync)
            {
                if (_latched[channel] != SpcmFault.None)
                {
                    return;
                }

                // Gate first: it stops counting at once; the enable then removes the bias.
                _channels[channel].Gate.Write(false);
                _channels[channel].Enable.Write(false);
                _latched[channel] = fault;
                _faultCounts[channel]++;
                _tripTaggerPicoseconds[channel] = taggerPicoseconds;
                _tripBoardMicroseconds[channel] = _clock.NowMicroseconds;
            }

            SpcmFaultHandler handler = Faulted;
            if (handler != null)
            {
                handler(channel, fault, taggerPicoseconds, _tripBoardMicroseconds[channel]);
            }
        }
    }
}

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// A satellite pass as a time-tagger stream, generated on the fly from a seed (integers only: the same events on
    /// every target). Sources, merged in ground-time order (so every channel is monotonic, as a tagger's is):
    /// <list type="bullet">
    /// <item>beacon on channel 4: pulse k at slot k x 10 000 unless its frame position (k mod 100) is one of the frame
    /// marker's omitted positions {0, 1, 3, 7} (firmware/Timing/README.md), detected with BeaconDetectionPpm,
    /// 50 ps jitter, absent during the two fades;</item>
    /// <item>signal: detections at slots spaced uniformly at random (mean 1/SignalRateHz); the detector, a flipped bit
    /// and a second click come from <see cref="SlotTruth"/>; each click lands at t(slot) + the channel's skew + jitter;</item>
    /// <item>background on channels 0..4: uniform gaps with mean 1/rate;</item>
    /// <item>dead time: a click within DeadTimePs of the previous one on its channel is lost.</item>
    /// </list>
    /// </summary>
    public sealed class PassStream
    {
        private const long Never = long.MaxValue;
        private const int Channels = 5;
        private const int BeaconChannel = 4;
        private const long BeaconPeriodSlots = 10000;
        private const long FrameLengthBeacons = 100;

        private readonly ScenarioParameters _p;
        private readonly PassClock _clock;
        private readonly SlotTruth _truth;
        private readonly SplitMix _random;
        private readonly long _endSlot;
        private readonly long _endGroundPs;
        private readonly long _signalMeanGapSlots;
        private readonly long[] _skewPs = new long[4];
        private readonly long[] _backgroundGapPs = new long[Channels];
        private readonly long[] _backgroundNextPs = new long[Channels];
        private readonly long[] _lastPs = new long[Channels];
        private readonly long _shortFadeStart;
        private readonly long _shortFadeEnd;
        private readonly long _longFadeStart;
        private readonly long _longFadeEnd;

        private long _beaconIndex;
        private long _beaconPs;
        private long _beaconSlot;

        private long _signalSlot;
        private int _pendingClicks;
        private long _clickPs0;
        private long _clickPs1;
        private int _clickChannel0;
        private int _clickChannel1;
        private bool _flipped;
        private bool _singleClick;

        public PassStream(ScenarioParameters p, PassClock clock, SlotTruth truth)
        {
            _p = p;
            _clock = clock;
            _truth = truth;
            _random = new SplitMix(p.Seed);
            _endSlot = clock.StartSlot + (p.StreamMs * PassClock.SlotsPerMs);
            _endGroundPs = clock.GroundTimePs(_endSlot);
            _signalMeanGapSlots = p.SignalRateHz > 0 ? PassClock.PulseRateHz / p.SignalRateHz : 0;
            for (int c = 0; c < 4; c++)
            {
                _skewPs[c] = p.SkewPs(c);
            }

            _shortFadeStart = clock.StartSlot + (p.ShortFadeStartMs * PassClock.SlotsPerMs);
            _shortFadeEnd = _shortFadeStart + (p.ShortFadeMs * PassClock.SlotsPerMs);
            _longFadeStart = clock.StartSlot + (p.LongFadeStartMs * PassClock.SlotsPerMs);
            _longFadeEnd = _longFadeStart + (p.LongFadeMs * PassClock.SlotsPerMs);

            for (int c = 0; c < Channels; c++)
            {
                long hz = c == BeaconChannel ? p.BeaconBackgroundHz : p.DarkHz;
                _backgroundGapPs[c] = hz > 0 ? 1000000000000L / hz : 0;
                _backgroundNextPs[c] = clock.GroundStartPs;
                AdvanceBackground(c);
                _lastPs[c] = long.MinValue / 2;
            }

            _beaconIndex = (clock.StartSlot + BeaconPeriodSlots - 1) / BeaconPeriodSlots - 1;
            AdvanceBeacon();
            _signalSlot = clock.StartSlot;
            AdvanceSignal();
        }

        /// <summary>Events handed out (after dead time).</summary>
        public long Events;

        public long BeaconPulsesDetected;

        public long SignalClicks;

        public long SecondClicks;

        public long BackgroundClicks;

        /// <summary>Clicks lost to the dead time of their channel.</summary>
        public long DeadTimeLosses;

        /// <summary>Fills <paramref name="e"/> with the next event; false at the end of the stream.</summary>
        public bool Next(PassEvent e)
        {
            while (true)
            {
                long best = _beaconPs;
                int source = -1;
                if (_pendingClicks > 0 && _clickPs0 < best)
                {
                    best = _clickPs0;
                    source = -2;
                }

                for (int c = 0; c < Channels; c++)
                {
                    if (_backgroundNextPs[c] < best)
                    {
                        best = _backgroundNextPs[c];
                        source = c;
                    }
                }

                if (best == Never)
                {
                    return false;
                }

                if (source == -1)
                {
                    e.Channel = BeaconChannel;
                    e.Kind = PassEvent.KindBeacon;
                    e.TruthSlot = _beaconSlot;
                    e.Flipped = false;
                    e.MultiClick = false;
                    AdvanceBeacon();
                }
                else if (source == -2)
                {
                    e.Channel = (byte)_clickChannel0;
                    e.Kind = _pendingClicks == 2 || _singleClick ? PassEvent.KindSignal : PassEvent.KindSecondClick;
                    e.TruthSlot = _signalSlot;
                    e.Flipped = _flipped && _singleClick;
                    e.MultiClick = !_singleClick;
                    TakeClick();
                }
                else
                {
                    e.Channel = (byte)source;
                    e.Kind = PassEvent.KindBackground;
                    e.TruthSlot = -1;
                    e.Flipped = false;
                    e.MultiClick = false;
                    AdvanceBackground(source);
                }

                e.TimePs = best;
                if (best - _lastPs[e.Channel] < _p.DeadTimePs)
                {
                    DeadTimeLosses++;
                    continue;
                }

                _lastPs[e.Channel] = best;
                Events++;
                if (e.Kind == PassEvent.KindBeacon)
                {
                    BeaconPulsesDetected++;
                }
                else if (e.Kind == PassEvent.KindSignal)
                {
                    SignalClicks++;
                }
                else if (e.Kind == PassEvent.KindSecondClick)
                {
                    SecondClicks++;
                }
                else
                {
                    BackgroundClicks++;
                }

                return true;
            }
        }

        private void AdvanceBeacon()
        {
            while (true)
            {
                _beaconIndex++;
                long slot = _beaconIndex * BeaconPeriodSlots;
                if (slot >= _endSlot)
                {
                    _beaconPs = Never;
                    return;
                }

                if (IsOmitted(_beaconIndex % FrameLengthBeacons) || InFade(slot) || _random.Below(1000000) >= _p.BeaconDetectionPpm)
                {
                    continue;
                }

                _beaconSlot = slot;
                _beaconPs = _clock.GroundTimePs(slot) + Jitter(_p.BeaconJitterPs);
                return;
            }
        }

        private static bool IsOmitted(long framePosition)
        {
            return framePosition == 0 || framePosition == 1 || framePosition == 3 || framePosition == 7;
        }

        private bool InFade(long slot)
        {
            return (slot >= _shortFadeStart && slot < _shortFadeEnd) || (slot >= _longFadeStart && slot < _longFadeEnd);
        }

        /// <summary>The next signal slot and its click(s), earlier click first.</summary>
        private void AdvanceSignal()
        {
            if (_signalMeanGapSlots == 0)
            {
                _pendingClicks = 0;
                return;
            }

            _signalSlot += 1 + _random.Below((2 * _signalMeanGapSlots) - 1);
            if (_signalSlot >= _endSlot)
            {
                _pendingClicks = 0;
                return;
            }

            _truth.Load(_signalSlot);
            long arrival = _clock.GroundTimePs(_signalSlot);
            int first = _truth.Channel;
            _flipped = _truth.ReceiverBasis == _truth.SatelliteBasis && _truth.Flipped;
            _clickChannel0 = first;
            _clickPs0 = arrival + _skewPs[first] + Jitter(_p.DetectionJitterPs);
            _pendingClicks = 1;
            _singleClick = !_truth.SecondClick;
            if (!_singleClick)
            {
                int second = (first + _truth.SecondClickOffset) & 3;
                long secondPs = arrival + _skewPs[second] + Jitter(_p.DetectionJitterPs);
                _pendingClicks = 2;
                if (secondPs < _clickPs0)
                {
                    _clickChannel1 = first;
                    _clickPs1 = _clickPs0;
                    _clickChannel0 = second;
                    _clickPs0 = secondPs;
                }
                else
                {
                    _clickChannel1 = second;
                    _clickPs1 = secondPs;
                }
            }
        }

        private void TakeClick()
        {
            if (_pendingClicks == 2)
            {
                _pendingClicks = 1;
                _clickChannel0 = _clickChannel1;
                _clickPs0 = _clickPs1;
                return;
            }

            AdvanceSignal();
        }

        private void AdvanceBackground(int channel)
        {
            long gap = _backgroundGapPs[channel];
            if (gap == 0)
            {
                _backgroundNextPs[channel] = Never;
                return;
            }

            long next = _backgroundNextPs[channel] + 1 + _random.Below((2 * gap) - 1);
            _backgroundNextPs[channel] = next >= _endGroundPs ? Never : next;
        }

        /// <summary>Irwin-Hall: the sum of four uniform 16-bit numbers, centred and scaled to a standard deviation.</summary>
        private long Jitter(long sigmaPs)
        {
            long bits = _random.NextBits();
            long sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + ((bits >> 48) & 0xFFFF);
            return (sum - 131072) * sigmaPs / 37837;
        }
    }
}

namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// The timing engine: maps the ground tagger clock onto the satellite's slot clock from the beacon channel
    /// (acquire, track, lose, re-lock) and gives every detector event an absolute slot or a drop reason.
    /// Single-threaded: call everything from the acquisition thread. All state is allocated in the constructor;
    /// <see cref="ProcessBatch"/> allocates nothing. See README.md for the model, formats, ranges and costs.
    /// </summary>
    public class TimingEngine : ITimingEngine
    {
        /// <summary>"No time yet" marker for ground times.</summary>
        public const long NoTime = long.MinValue;

        private const long HoldoverConfirmGapPs = 50000000000L;
        private const int AcquireLoopGearShift = 2;
        private const int ConvergedBeacons = 32;
        private const int ConvergedLoopTimeConstants = 16;
        private const int SettledLoopTimeConstants = 8;
        private const long Int31Mask = 0x7FFFFFFFL;
        private const long ErrorFastLimit = 1L << 50;
        private const long ErrorFastMask = (1L << 51) - 1;
        private const long Low20 = (1L << 20) - 1;

        private readonly TimingConfig _config;
        private readonly ClockModel _model = new ClockModel();
        private readonly ClockModel _staleModel = new ClockModel();
        private readonly RateVoter _voter;
        private readonly PhaseFolder _folder;
        private readonly FrameMarkerSearch _marker;
        private readonly SkewCalibrator _skew;
        private readonly TimingCounters _counters = new TimingCounters();

        private readonly int _beaconChannel;
        private readonly int _detectorCount;
        private readonly long _beaconSlots;
        private readonly long _frameLength;
        private readonly long _beaconPeriodPs;
        private readonly long _slotWidthPsQ16;
        private readonly long _nominalSlotsPerPsQ64;
        private long _windowQ24;
        private readonly long _gateLockedPs;
        private readonly long _gateMinPs;
        private readonly long _foldTimeoutPs;
        private readonly long _lossTimeoutPs;
        private readonly long _holdoverMaxPs;
        private readonly long _acquireTimeoutPs;
        private readonly long _stalePredictionMaxPs;
        private readonly int _loopLog2;

        private TimingState _state = TimingState.Searching;
        private long _searchStartPs = NoTime;
        private long _acquireStartPs;
        private long _foldStartPs;
        private bool _phaseKnown;
        private bool _indexKnown;
        private bool _indexResolved;
        private bool _firstTrackedBeacon;
        private int _acquiringAccepted;
        private long _trackingStartPs;
        private long _settledSincePs = NoTime;
        private long _acquiringGatePs;
        private long _lastAcceptedBeaconPs = NoTime;
        private long _lossDeadlinePs = long.MaxValue; // _lastAcceptedBeaconPs + _lossTimeoutPs: Locked -> Holdover after it
        private long _meanAbsResidualPs;

        private bool _hasPrediction;
        private long _predictionGroundPs;
        private long _predictionSlot;
        private long _predictionUncertaintyPs;

        private bool _hasStaleModel;
        private bool _staleIndexResolved;
        private long _staleLastBeaconPs;

        private long _meanResidualPs;
        private readonly RelockConfirmer _relock;

        // Last beacon index computed and its slot (k * B): the next index is found relative to it (NearestBeaconIndex).
        private long _beaconIndexHint;
        private long _beaconSlotHint;

        public TimingEngine(TimingConfig config)
        {
            config.Validate();
            _config = config;
            _beaconChannel = config.BeaconChannel;
            _detectorCount = config.DetectorChannelCount;
            _beaconSlots = config.BeaconPeriodSlots;
            _frameLength = config.FrameLengthBeacons;
            _loopLog2 = config.LoopTimeConstantLog2Ps;

            // Slot width (ps, Q16) and nominal slots per ps (Q64) from the pulse rate; exact to the last bit.
            _slotWidthPsQ16 = FixedPoint.DivideShifted(1000000000000L, 16, config.PulseRateHz);
            _nominalSlotsPerPsQ64 = FixedPoint.DivideShifted(config.PulseRateHz, 64, 1000000000000L);
            _beaconPeriodPs = ((_beaconSlots * _slotWidthPsQ16) + (1L << 15)) >> 16;
            _windowQ24 = FixedPoint.DivideShifted(config.CoincidenceWindowPs, 40, _slotWidthPsQ16);
            _gateLockedPs = config.BeaconGatePs;
            _gateMinPs = config.BeaconGateMinPs;
            _foldTimeoutPs = config.FoldTimeoutMs * 1000000000L;
            _lossTimeoutPs = config.LossAfterMissedBeacons * _beaconPeriodPs;
            _holdoverMaxPs = _lossTimeoutPs + (config.HoldoverMaxMs * 1000000000L);
            _acquireTimeoutPs = config.AcquireTimeoutMs * 1000000000L;
            _stalePredictionMaxPs = config.StalePredictionMaxMs * 1000000000L;

            _voter = new RateVoter(config, _beaconPeriodPs);
            _folder = new PhaseFolder(config);
            _marker = new FrameMarkerSearch(config);
            _skew = new SkewCalibrator(config, _slotWidthPsQ16);
            _relock = new RelockConfirmer(config.HoldoverConfirmBeacons, HoldoverConfirmGapPs);
            _voter.Clear();
        }

        /// <summary>
        /// Changes the coincidence window's half-width from the next detection on (live configuration): nothing else
        /// of the model depends on it.
        /// </summary>
        public void SetCoincidenceWindowPs(int windowPs)
        {
            if (windowPs < 1)
            {
                throw new System.ArgumentOutOfRangeException("windowPs");
            }

            _config.CoincidenceWindowPs = windowPs;
            _windowQ24 = FixedPoint.DivideShifted(windowPs, 40, _slotWidthPsQ16);
        }

        public TimingState State
        {
            get { return _state; }
        }

        public TimingCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>The tracked clock model (read it; do not write it).</summary>
        public ClockModel Model
        {
            get { return _model; }
        }

        /// <summary>
        /// True when the absolute beacon index came from a prediction (host or the model before a loss). False
        /// after a lock on the frame marker alone: slots are then numbered from frame 0 = the frame in which this
        /// acquisition started, and are correct modulo FrameLength * BeaconPeriodSlots until a prediction arrives.
        /// </summary>
        public bool IndexResolved
        {
            get { return _indexResolved; }
        }

        /// <summary>Ground time of the event that completed the last lock (or re-lock), NoTime before.</summary>
        public long LastLockGroundPs { get; private set; } = NoTime;

        /// <summary>Ground time the acquisition behind the last lock started (first event seen while searching).</summary>
        public long LastAcquisitionStartGroundPs { get; private set; } = NoTime;

        /// <summary>Ground time of the last transition Locked -> Holdover, NoTime before.</summary>
        public long LastLossGroundPs { get; private set; } = NoTime;

        /// <summary>Beacon period on the nominal (satellite) clock, ps.</summary>
        public long BeaconPeriodPs
        {
            get { return _beaconPeriodPs; }
        }

        /// <summary>Slot width, ps in Q16.</summary>
        public long SlotWidthPsQ16
        {
            get { return _slotWidthPsQ16; }
        }

        /// <summary>Clock rate offset (ground ps per satellite ps - 1), ppb, from the tracked model.</summary>
        public long RateOffsetPpb
        {
            get
            {
                long f = _model.SlotsPerPsQ64 >> 10;
                return f == 0 ? 0 : (((_nominalSlotsPerPsQ64 >> 10) - f) * 1000000000L) / f;
            }
        }

        /// <summary>Mean |beacon residual| of accepted beacons (ps, running average over ~16).</summary>
        public long MeanAbsBeaconResidualPs
        {
            get { return _meanAbsResidualPs; }
        }

        /// <summary>Memory held by the engine's arrays (bytes), for the README budget.</summary>
        public int ArrayBytes
        {
            get { return _voter.BytesUsed + _folder.BytesUsed + _marker.BytesUsed + _skew.BytesUsed; }
        }

        // ---------------------------------------------------------------- host prediction

        /// <summary>
        /// Coarse prediction from the host (pass ephemeris): at ground tagger time <paramref name="groundTimePs"/>
        /// the satellite slot arriving is <paramref name="satelliteSlot"/> +- <paramref name="uncertaintyPs"/>.
        /// Resolves the absolute beacon index at lock: within half a beacon period (less 20 %) on its own, within
        /// half a frame with the frame marker. Delay size is irrelevant: minutes of light time are just a bigger
        /// slot number. Given after a marker-only lock it renumbers the slots (counted in IndexResolutions).
        /// </summary>
        public void SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs)
        {
            _hasPrediction = true;
            _predictionGroundPs = groundTimePs;
            _predictionSlot = satelliteSlot;
            _predictionUncertaintyPs = uncertaintyPs < 0 ? -uncertaintyPs : uncertaintyPs;
            if (_indexKnown && !_indexResolved && (_state == TimingState.Locked || _state == TimingState.Holdover))
            {
                ResolveLockedIndex();
            }
            else if (_phaseKnown && !_indexKnown)
            {
                TryResolveByPrediction(_model.AnchorGroundPs);
            }
        }

        public void ClearCoarsePrediction()
        {
            _hasPrediction = false;
        }

        /// <summary>True while a host prediction is held (read it back with the three properties below).</summary>
        public bool HasCoarsePrediction
        {
            get { return _hasPrediction; }
        }

        /// <summary>Ground tagger time (ps) of the held prediction.</summary>
        public long CoarsePredictionGroundPs
        {
            get { return _predictionGroundPs; }
        }

        /// <summary>Satellite slot of the held prediction.</summary>
        public long CoarsePredictionSlot
        {
            get { return _predictionSlot; }
        }

        /// <summary>Uncertainty (ps) of the held prediction as given.</summary>
        public long CoarsePredictionUncertaintyPs
        {
            get { return _predictionUncertaintyPs; }
        }

        // ---------------------------------------------------------------- skew table

        /// <summary>Copies the per-channel skew table (ps, subtracted from each detection) into destination.</summary>
        public void GetSkewTablePs(int[] destination)
        {
            _skew.GetTable(destination);
        }

        /// <summary>Loads a stored skew table (ps per detector channel).</summary>
        public void SetSkewTablePs(int[] source)
        {
            _skew.SetTable(source);
        }

        /// <summary>Starts collecting per-channel residual histograms (cleared first).</summary>
        public void StartSkewCalibration()
        {
            _skew.Start();
        }

        public bool SkewCalibrationRunning
        {
            get { return _skew.Collecting; }
        }

        /// <summary>Entries in a channel's calibration histogram so far.</summary>
        public long SkewCalibrationCount(int channel)
        {
            return _skew.Count(channel);
        }

        /// <summary>
        /// Adds the measured centroid to each channel's skew (channels with at least minEntries above background),
        /// stops collecting. Returns the number of channels updated. Save the table with GetSkewTablePs.
        /// </summary>
        public int ApplySkewCalibration(int minEntries)
        {
            return _skew.Apply(minEntries);
        }

        // ---------------------------------------------------------------- hot path

        /// <summary>
        /// Processes one tagger batch (time order per channel; channels may interleave slightly out of order).
        /// Each accepted detection is written at outOffset.. as (slot, channel[, residual ps]); within one call the
        /// output is ordered by slot (a short insertion moves a detection behind later-read earlier slots).
        /// residualsPs may be null. Returns the number written. Allocation-free.
        /// </summary>
        public int ProcessBatch(long[] timestampsPs, byte[] channels, int offset, int count,
            long[] slots, byte[] slotChannels, int[] residualsPs, int outOffset)
        {
            // Per-event path (README "Per-event path"): what the loop reads per detection is held in locals (state,
            // loss deadline and the clock model, refreshed after each beacon, the only event that changes them); the
            // per-detection counters are added once per call.
            int written = outOffset;
            int end = offset + count;
            int[] skew = _skew.SkewTablePs;
            bool calibrating = _skew.Collecting;
            int detectorCount = _detectorCount;
            int capacity = slots.Length;
            long window = _windowQ24;
            long negativeWindow = -_windowQ24;
            ClockModel model = _model;
            long anchorPs = model.AnchorGroundPs;
            long fraction = model.AnchorFraction;
            long anchorSlot = model.AnchorSlot;
            long rate = model.SlotsPerPsQ64;
            long rateChange = model.RateChangePer2p40Ps;
            long rateChangeOutside = (rateChange + ClockModel.Int31Limit) & ClockModel.High32; // 0 when |G| <= 2^31
            bool locked = _state == TimingState.Locked;
            long deadline = locked ? _lossDeadlinePs : long.MinValue;
            long lastSlot = long.MinValue;
            long others = 0;
            for (int i = offset; i < end; i++)
            {
                long t = timestampsPs[i];
                int channel = channels[i];
                if (t > deadline)
                {
                    // Past the loss deadline while locked, or not locked at all (deadline long.MinValue then).
                    if (locked)
                    {
                        EnterHoldover(t);
                        locked = false;
                        deadline = long.MinValue;
                    }
                    else
                    {
                        CheckUnlockedTimeouts(t);
                    }
                }

                if (channel >= detectorCount)
                {
                    others++;
                    if (channel == _beaconChannel)
                    {
                        OnBeacon(t);
                        locked = _state == TimingState.Locked;
                        deadline = locked ? _lossDeadlinePs : long.MinValue;
                        anchorPs = model.AnchorGroundPs;
                        fraction = model.AnchorFraction;
                        anchorSlot = model.AnchorSlot;
                        rate = model.SlotsPerPsQ64;
                        rateChange = model.RateChangePer2p40Ps;
                        rateChangeOutside = (rateChange + ClockModel.Int31Limit) & ClockModel.High32;
                    }
                    else
                    {
                        _counters.DroppedUnknownChannel++;
                    }

                    continue;
                }

                if (!locked)
                {
                    _counters.DroppedUnlocked++;
                    continue;
                }

                // The model's slot position at t - skew: ClockModel.NearestSlot's first case inline (the same formula
                // and limits, README "Per-event arithmetic"); the other cases through the model.
                long u = t - skew[channel] - anchorPs;
                long m = rate + ((rateChange * u) >> 41);
                long slot;
                long residual;
                if (((u & ClockModel.High32) | rateChangeOutside | (m & ClockModel.FastMidRateMask)) == 0)
                {
                    long x = fraction + (((u * (m >> 31)) + ((u * (m & ClockModel.Low31)) >> 31)) >> 9);
                    long whole = (x + ClockModel.HalfSlot) >> ClockModel.FractionBits;
                    residual = x - (whole << ClockModel.FractionBits);
                    slot = anchorSlot + whole;
                }
                else
                {
                    slot = model.NearestSlot(t - skew[channel], out residual);
                }

                if (calibrating)
                {
                    _skew.Record(channel, residual);
                }

                if (residual > window || residual < negativeWindow)
                {
                    _counters.DroppedOutsideWindow++;
                    continue;
                }

                if (written >= capacity)
                {
                    _counters.DroppedOutputFull++;
                    continue;
                }

                int j = written;
                if (slot < lastSlot)
                {
                    // Cross-channel disorder: move the later-read earlier slot in front of the larger ones.
                    while (j > outOffset && slots[j - 1] > slot)
                    {
                        slots[j] = slots[j - 1];
                        slotChannels[j] = slotChannels[j - 1];
                        if (residualsPs != null)
                        {
                            residualsPs[j] = residualsPs[j - 1];
                        }

                        j--;
                    }
                }
                else
                {
                    lastSlot = slot;
                }

                slots[j] = slot;
                slotChannels[j] = (byte)channel;
                if (residualsPs != null)
                {
                    residualsPs[j] = (int)(((residual >> 8) * _slotWidthPsQ16) >> 32);
                }

                written++;
            }

            _counters.DetectionsSeen += count - others;
            _counters.Assigned += written - outOffset;
            return written - outOffset;
        }

        /// <summary>Holdover expiry and the start of a search (states other than Locked), per event.</summary>
        private void CheckUnlockedTimeouts(long t)
        {
            if (_state == TimingState.Holdover)
            {
                if (t - _lastAcceptedBeaconPs > _holdoverMaxPs)
                {
                    LoseModel(t);
                }
            }
            else if (_searchStartPs == NoTime)
            {
                _searchStartPs = t;
            }
        }

        // ---------------------------------------------------------------- beacon path

        private void OnBeacon(long t)
        {
            _counters.BeaconEvents++;
            switch (_state)
            {
                case TimingState.Searching:
                    _voter.Add(t);
                    if (_voter.HasRate)
                    {
                        _state = TimingState.Acquiring;
                        _acquireStartPs = t;
                        _foldStartPs = t;
                        _phaseKnown = false;
                        _folder.Start(t, _voter.SlotsPerPsQ64());
                    }

                    break;

                case TimingState.Acquiring:
                    if (!_phaseKnown)
                    {
                        if (t - _foldStartPs > _foldTimeoutPs)
                        {
                            Restart(t);
                        }
                        else if (_folder.Add(t))
                        {
                            StartTracking(t);
                            TrackBeacon(t, true);
                        }
                    }
                    else if (t - _acquireStartPs > _acquireTimeoutPs || t - _lastAcceptedBeaconPs > _lossTimeoutPs)
                    {
                        Restart(t);
                    }
                    else
                    {
                        TrackBeacon(t, true);
                    }

                    break;

                case TimingState.Locked:
                    TrackBeacon(t, false);
                    break;

                default:
                    HoldoverBeacon(t);
                    break;
            }
        }

        /// <summary>
        /// Error (wanted - predicted, Q24) to the nearest beacon slot; returns the provisional beacon index
        /// k = floor((slot + B/2) / B) (README "Per-event path"):
        /// - k relative to the last beacon index computed (its slot is a multiple of B, so the quotient is exact), by
        ///   one 32-bit division, which the ESP32 does in hardware, when the slot lies within 2^31 slots of it; else
        ///   (first beacon, renumbering, B over 2^31) by the 64-bit floor division;
        /// - the error in ps, floor(errorQ24 * slot width Q16 / 2^40), as two 64-bit products of 20-bit halves,
        ///   floor((e_hi * w + floor(e_lo * w / 2^20)) / 2^20), when |errorQ24| &lt; 2^50 (half a beacon period of at
        ///   most 10^8 slots is 2^49.6) and the slot width is under 2^31 (Q16; 32 ns); else MulShift.
        /// </summary>
        private long BeaconError(long t, out long errorQ24, out long errorPs)
        {
            long residual;
            long slot = _model.NearestSlot(t, out residual);
            long beaconSlots = _beaconSlots;
            long n = slot - _beaconSlotHint + (beaconSlots >> 1);
            long k = (n & ~Int31Mask) == 0 && beaconSlots <= Int31Mask
                ? _beaconIndexHint + ((int)n / (int)beaconSlots)
                : FixedPoint.FloorDiv(slot + (beaconSlots >> 1), beaconSlots);
            _beaconIndexHint = k;
            _beaconSlotHint = k * beaconSlots;

            long e = (((k * beaconSlots) - slot) << ClockModel.FractionBits) - residual;
            long w = _slotWidthPsQ16;
            errorQ24 = e;
            errorPs = ((e + ErrorFastLimit) & ~ErrorFastMask) == 0 && w <= Int31Mask
                ? (((e >> 20) * w) + (((e & Low20) * w) >> 20)) >> 20
                : FixedPoint.MulShift(e, w, 40);
            return k;
        }

        private void TrackBeacon(long t, bool acquiring)
        {
            long errorQ24;
            long errorPs;
            long k = BeaconError(t, out errorQ24, out errorPs);
            long absError = errorPs < 0 ? -errorPs : errorPs; // per beacon: no call
            if (absError > (acquiring ? _acquiringGatePs : TrackingGatePs()))
            {
                _counters.BeaconsRejected++;
                return;
            }

            _counters.BeaconsAccepted++;
            SetLastAcceptedBeacon(t);
            if (_firstTrackedBeacon)
            {
                // The fold's centroid is good to about a bin: take the first gated arrival as the phase.
                _model.Jump(t, errorQ24);
                _firstTrackedBeacon = false;
                absError = 0;
                errorPs = 0;
            }
            else
            {
                // Huber-style clip: a background click inside the gate moves the model by a bounded amount.
                long clipPs = (3 * _meanAbsResidualPs) + _gateMinPs;
                if (absError > clipPs)
                {
                    errorQ24 = (errorQ24 * clipPs) / absError;
                }

                _model.Track(t, errorQ24, acquiring ? _loopLog2 - AcquireLoopGearShift : _loopLog2);
            }

            _meanAbsResidualPs += (absError - _meanAbsResidualPs) >> 4;
            _meanResidualPs += (errorPs - _meanResidualPs) >> 4;
            if (!acquiring)
            {
                if (_meanAbsResidualPs * 2 > _gateLockedPs)
                {
                    EnterHoldover(t);
                }

                return;
            }

            _acquiringAccepted++;
            long gate = 8 * _meanAbsResidualPs;
            if (gate < _acquiringGatePs)
            {
                _acquiringGatePs = gate < _gateLockedPs ? _gateLockedPs : gate;
            }

            if (!_indexKnown && _marker.Add(k))
            {
                ResolveByMarker(t);
            }

            // Converged: enough beacons, 16 time constants of the acquisition loop (275 ms by default), and residuals
            // that have stayed small and without a systematic part for the last 8 of them. A model still settling
            // (rate or rate change not yet learnt) shows a signed mean close to the mean magnitude, and would place
            // detections hundreds of ps off after the switch to the slower tracking loop; beacon noise alone keeps the
            // signed mean near zero.
            long settleQuantumPs = 1L << (_loopLog2 - AcquireLoopGearShift);
            bool settled = _meanAbsResidualPs * 4 <= _gateLockedPs
                && FixedPoint.Abs(_meanResidualPs) * 2 <= _meanAbsResidualPs + (_gateMinPs >> 3);
            if (!settled)
            {
                _settledSincePs = NoTime;
            }
            else if (_settledSincePs == NoTime)
            {
                _settledSincePs = t;
            }

            if (_indexKnown && settled && _acquiringAccepted >= ConvergedBeacons
                && t - _trackingStartPs >= ConvergedLoopTimeConstants * settleQuantumPs
                && t - _settledSincePs >= SettledLoopTimeConstants * settleQuantumPs)
            {
                EnterLocked(t);
            }
        }

        private void HoldoverBeacon(long t)
        {
            long errorQ24;
            long errorPs;
            BeaconError(t, out errorQ24, out errorPs);
            long gate = _gateLockedPs + HoldoverSpreadPs(t - _lastAcceptedBeaconPs);
            if (FixedPoint.Abs(errorPs) > gate)
            {
                _counters.BeaconsRejected++;
                return;
            }

            // Several gated arrivals that agree to the tracking gate confirm the beacon is back (background does not).
            if (_relock.Add(t, errorPs, TrackingGatePs()))
            {
                _counters.BeaconsAccepted++;
                _counters.HoldoverRecoveries++;
                _model.Jump(t, errorQ24);
                SetLastAcceptedBeacon(t);
                _meanAbsResidualPs = _gateLockedPs / 8;
                _meanResidualPs = 0;
                EnterLocked(t);
                return;
            }

            _counters.BeaconsRejected++;
        }

        private void SetLastAcceptedBeacon(long t)
        {
            _lastAcceptedBeaconPs = t;
            _lossDeadlinePs = t + _lossTimeoutPs;
        }

        /// <summary>Locked beacon gate: 8 x the mean residual magnitude, within [BeaconGateMinPs, BeaconGatePs].</summary>
        private long TrackingGatePs()
        {
            long gate = 8 * _meanAbsResidualPs;
            return gate < _gateMinPs ? _gateMinPs : (gate > _gateLockedPs ? _gateLockedPs : gate);
        }

        /// <summary>How far the model may have drifted after <paramref name="elapsedPs"/> without beacon (ps).</summary>
        private long HoldoverSpreadPs(long elapsedPs)
        {
            long us = elapsedPs / 1000000;
            long ms = elapsedPs / 1000000000;
            return ((us * _config.HoldoverDriftPpb) / 1000) + ((ms * ms * _config.HoldoverRateChangePpbPerSecond) / 2000);
        }

        // ---------------------------------------------------------------- state changes

        private void StartTracking(long t)
        {
            long phase = _folder.PhaseQ24();
            _model.Reset(_folder.ReferencePs, -phase, _voter.SlotsPerPsQ64());
            _phaseKnown = true;
            _firstTrackedBeacon = true;
            _indexKnown = false;
            _indexResolved = false;
            _acquiringAccepted = 0;
            _trackingStartPs = t;
            _settledSincePs = NoTime;
            _acquiringGatePs = _gateLockedPs + (2 * FixedPoint.MulShift(_folder.BinWidthQ24, _slotWidthPsQ16, 40));
            _meanAbsResidualPs = _acquiringGatePs / 8;
            _meanResidualPs = 0;
            SetLastAcceptedBeacon(t);
            _marker.Clear();
            if (!TryResolveByPrediction(t) && !_marker.HasMarker)
            {
                // No marker and no usable prediction: number beacons from this acquisition (index unresolved).
                _indexKnown = true;
            }
        }

        /// <summary>Beacon-granularity index from the best prediction; true when resolved.</summary>
        private bool TryResolveByPrediction(long t)
        {
            long deltaSlots;
            long uncertaintyPs;
            bool fromStale;
            if (!PredictDelta(t, out deltaSlots, out uncertaintyPs, out fromStale) || uncertaintyPs * 10 >= _beaconPeriodPs * 4)
            {
                return false;
            }

            long k0 = FixedPoint.FloorDiv(deltaSlots + (_beaconSlots >> 1), _beaconSlots);
            _model.ShiftSlots(k0 * _beaconSlots);
            _indexKnown = true;
            _indexResolved = fromStale ? _staleIndexResolved : true;
            return true;
        }

        private void ResolveByMarker(long t)
        {
            long k0 = _marker.IndexOffsetModFrame;
            long deltaSlots;
            long uncertaintyPs;
            long framePs = _frameLength * _beaconPeriodPs;
            long frameSlots = _frameLength * _beaconSlots;
            bool fromStale;
            if (PredictDelta(t, out deltaSlots, out uncertaintyPs, out fromStale) && uncertaintyPs * 10 < framePs * 4)
            {
                k0 += _frameLength * FixedPoint.FloorDiv(deltaSlots - (k0 * _beaconSlots) + (frameSlots >> 1), frameSlots);
                _indexResolved = fromStale ? _staleIndexResolved : true;
            }

            _model.ShiftSlots(k0 * _beaconSlots);
            _indexKnown = true;
        }

        /// <summary>Locked on the marker alone, a prediction arrived: move by whole frames (or beacons without marker).</summary>
        private void ResolveLockedIndex()
        {
            long t = _model.AnchorGroundPs;
            long deltaSlots;
            long uncertaintyPs;
            bool fromStale;
            if (!PredictDelta(t, out deltaSlots, out uncertaintyPs, out fromStale) || fromStale)
            {
                return;
            }

            long stepSlots = _marker.HasMarker ? _frameLength * _beaconSlots : _beaconSlots;
            long stepPs = _marker.HasMarker ? _frameLength * _beaconPeriodPs : _beaconPeriodPs;
            if (uncertaintyPs * 10 >= stepPs * 4)
            {
                return;
            }

            long steps = FixedPoint.FloorDiv(deltaSlots + (stepSlots >> 1), stepSlots);
            _model.ShiftSlots(steps * stepSlots);
            _indexResolved = true;
            _counters.IndexResolutions++;
        }

        /// <summary>
        /// Predicted absolute slot minus the model's slot at t, from the host prediction or the model before the
        /// last loss, whichever is tighter; false when neither applies.
        /// </summary>
        private bool PredictDelta(long t, out long deltaSlots, out long uncertaintyPs, out bool fromStale)
        {
            fromStale = false;
            deltaSlots = 0;
            uncertaintyPs = long.MaxValue;
            bool found = false;
            long residual;
            long current = _model.NearestSlot(t, out residual);
            if (_hasPrediction)
            {
                long elapsed = t - _predictionGroundPs;
                deltaSlots = _predictionSlot + FixedPoint.MulShift(elapsed, _model.SlotsPerPsQ64, 64) - current;

                // The rate used to carry the prediction to t is good to well under 0.5 ppm (2^-21).
                uncertaintyPs = _predictionUncertaintyPs + (FixedPoint.Abs(elapsed) >> 21);
                found = true;
            }

            if (_hasStaleModel && t - _staleLastBeaconPs <= _stalePredictionMaxPs)
            {
                long staleUncertainty = _gateLockedPs + HoldoverSpreadPs(t - _staleLastBeaconPs);
                if (staleUncertainty < uncertaintyPs)
                {
                    deltaSlots = _staleModel.WholeSlotFar(t) - current;
                    uncertaintyPs = staleUncertainty;
                    fromStale = true;
                    found = true;
                }
            }

            return found;
        }

        private void EnterLocked(long t)
        {
            _state = TimingState.Locked;
            _counters.Locks++;
            LastLockGroundPs = t;
            LastAcquisitionStartGroundPs = _searchStartPs;
            _hasStaleModel = false;
            _relock.Clear();
        }

        private void EnterHoldover(long t)
        {
            _state = TimingState.Holdover;
            _counters.LossesOfLock++;
            LastLossGroundPs = t;
            _relock.Clear();
        }

        /// <summary>Holdover expired: keep the model as a predictor of the beacon index, acquire again.</summary>
        private void LoseModel(long t)
        {
            _staleModel.CopyFrom(_model);
            _hasStaleModel = true;
            _staleIndexResolved = _indexResolved;
            _staleLastBeaconPs = _lastAcceptedBeaconPs;
            Restart(t);
        }

        private void Restart(long t)
        {
            _counters.AcquisitionRestarts++;
            _state = TimingState.Searching;
            _searchStartPs = t;
            _phaseKnown = false;
            _indexKnown = false;
            _indexResolved = false;
            _voter.Clear();
        }
    }
}

using GroundStation.Simulator.Physics;
using GroundStation.Simulator.Randomness;
using GroundStation.Simulator.Tagger;

namespace GroundStation.Simulator.Events;

/// <summary>One replay of a pass: random streams, detector state and the reorder buffer.</summary>
sealed class PassRun
{
    const double SegmentSeconds = 1e-4;        // per-pulse probability is constant within a segment
    const int SegmentsPerChunk = 100;          // one batch = 10 ms of emission
    const double JitterTruncationSigmas = 6;   // keeps the reorder guard finite
    const double FwhmPerSigma = 2.3548200450309493;  // 2 sqrt(2 ln 2)

    readonly PassSimulator _sim;
    readonly PassPhysics _physics;
    readonly SimulationTruth _truth;
    readonly Xoshiro256 _signalRng, _noiseRng, _beaconRng, _fadingRng, _afterpulseRng;
    readonly PriorityQueue<TaggerEvent, (long time, long sequence)> _pending = new();
    readonly long[] _lastClickPs = new long[Channels.Count];
    readonly double[] _skewPs;
    readonly double[] _intensities;
    readonly FifoOverflowModel _fifo;
    readonly BeaconPattern _beacon;
    readonly long _segmentSlots, _chunkSlots;
    readonly double _resolutionPs, _detectorSigmaPs, _beaconSigmaPs, _guardPs, _groundStartPs;
    readonly long _detectorDeadPs, _beaconDeadPs;
    double[] _boundaryPs = [];
    long _chunkStart, _sequence;
    double _fadingState;

    public PassRun(PassSimulator sim)
    {
        _sim = sim;
        _physics = sim.Physics;
        _truth = sim.Truth;
        var c = sim.Config;
        _signalRng = new Xoshiro256(sim.Seed, 1);
        _noiseRng = new Xoshiro256(sim.Seed, 2);
        _beaconRng = new Xoshiro256(sim.Seed, 3);
        _fadingRng = new Xoshiro256(sim.Seed, 4);
        _afterpulseRng = new Xoshiro256(sim.Seed, 5);
        _skewPs = c.Tagger.ChannelSkewPs;
        _intensities = c.Source.Intensities;
        _resolutionPs = c.Tagger.ResolutionPs;
        _fifo = new FifoOverflowModel(c.Tagger.FifoDepth, c.Tagger.ReadoutEventsPerSecond);
        _beacon = new BeaconPattern(c.Beacon);
        _segmentSlots = Math.Max(1, (long)Math.Round(SegmentSeconds * _physics.PulseRateHz));
        _chunkSlots = _segmentSlots * SegmentsPerChunk;
        _detectorSigmaPs = c.Receiver.JitterPsFwhm / FwhmPerSigma;
        _beaconSigmaPs = c.Beacon.JitterPsFwhm / FwhmPerSigma;
        _detectorDeadPs = (long)Math.Round(c.Receiver.DeadTimeNs * 1000);
        _beaconDeadPs = (long)Math.Round(c.Beacon.DeadTimeNs * 1000);
        // An event of a later chunk can be earlier than that chunk's first ideal arrival by at most this much.
        _guardPs = JitterTruncationSigmas * Math.Max(_detectorSigmaPs, _beaconSigmaPs)
                   + Math.Max(0, -_skewPs.Min()) + _resolutionPs + 1;
        _groundStartPs = _physics.GroundPs(0);
        Array.Fill(_lastClickPs, long.MinValue);
    }

    public IEnumerable<TaggerEventBatch> Run()
    {
        _truth.Reset(_intensities.Length, _physics.SlotCount);
        var batch = new TaggerEventBatch();
        long slots = _physics.SlotCount;
        for (_chunkStart = 0; _chunkStart < slots; _chunkStart += _chunkSlots)
        {
            long chunkEnd = Math.Min(_chunkStart + _chunkSlots, slots);
            ComputeBoundaries(chunkEnd);
            GenerateSignal(chunkEnd);
            GenerateNoise();
            GenerateBeacon(chunkEnd);
            bool last = chunkEnd == slots;
            double limit = last ? double.PositiveInfinity : _boundaryPs[^1] - _guardPs;
            batch.Count = 0;
            Drain(batch, limit);
            batch.CompleteBeforePs = last ? long.MaxValue : (long)Math.Floor(limit);
            batch.PassSecondsEnd = chunkEnd / _physics.PulseRateHz;
            batch.IsLast = last;
            yield return batch;
        }
    }

    void ComputeBoundaries(long chunkEnd)
    {
        int segments = (int)((chunkEnd - _chunkStart + _segmentSlots - 1) / _segmentSlots);
        if (_boundaryPs.Length != segments + 1) _boundaryPs = new double[segments + 1];
        for (int i = 0; i <= segments; i++)
            _boundaryPs[i] = _physics.IdealArrivalGroundPs(Math.Min(_chunkStart + i * _segmentSlots, chunkEnd));
    }

    /// <summary>Ideal ground arrival of a slot in the current chunk: exact at segment boundaries, linear between
    /// (the curvature error over 100 us is below a femtosecond for LEO).</summary>
    double ArrivalPs(long slot, long chunkEnd)
    {
        long offset = slot - _chunkStart;
        int i = (int)(offset / _segmentSlots);
        long s0 = _chunkStart + i * _segmentSlots;
        if (s0 >= chunkEnd) return _boundaryPs[^1];
        long s1 = Math.Min(s0 + _segmentSlots, chunkEnd);
        return _boundaryPs[i] + (_boundaryPs[i + 1] - _boundaryPs[i]) * (slot - s0) / (s1 - s0);
    }

    void GenerateSignal(long chunkEnd)
    {
        var rx = _sim.Config.Receiver;
        var link = _sim.Config.Link;
        double maxIntensity = _intensities.Max();
        double fadingSigma2 = Math.Log(1 + link.ScintillationIndex);
        double fadingSigma = Math.Sqrt(fadingSigma2);
        double rho = Math.Exp(-SegmentSeconds / link.ScintillationCoherenceSeconds);
        double innovation = Math.Sqrt(1 - rho * rho);
        for (long s0 = _chunkStart; s0 < chunkEnd; s0 += _segmentSlots)
        {
            long s1 = Math.Min(s0 + _segmentSlots, chunkEnd);
            double midSeconds = (s0 + s1) * 0.5 / _physics.PulseRateHz;
            // Log-normal fading with mean 1: an Ornstein-Uhlenbeck log-amplitude sampled once per segment.
            _fadingState = rho * _fadingState + innovation * _fadingRng.NextGaussian();
            double fading = fadingSigma > 0 ? Math.Exp(fadingSigma * _fadingState - fadingSigma2 / 2) : 1;
            double eta = Math.Pow(10, -_physics.LossDb(midSeconds) / 10) * fading * rx.DetectorEfficiency;
            double pMax = -double.ExpM1(-maxIntensity * eta);
            if (pMax <= 0) continue;
            for (long n = s0 + _signalRng.NextGeometricFailures(pMax); n < s1; n += 1 + _signalRng.NextGeometricFailures(pMax))
            {
                int cls = _sim.Satellite.IntensityClassOf(n);
                double p = -double.ExpM1(-_intensities[cls] * eta);
                if (p < pMax && _signalRng.NextDouble() * pMax >= p) continue;
                EmitPhotons(n, _intensities[cls] * eta, chunkEnd);
            }
        }
    }

    /// <summary>Slot n gave at least one detectable photon: draw how many (Poisson conditioned on >= 1), route each
    /// through the passive basis splitter and the polariser, and click every detector hit once.</summary>
    void EmitPhotons(long slot, double meanDetected, long chunkEnd)
    {
        var rx = _sim.Config.Receiver;
        _sim.Satellite.TryGetSent(slot, out var sent);
        int photons = ConditionalPoisson(meanDetected);
        int hitMask = 0;
        for (int k = 0; k < photons; k++)
        {
            int basis = _signalRng.NextDouble() < rx.ZBasisSplitRatio ? Channels.BasisZ : Channels.BasisX;
            int bit;
            if (basis == sent.Basis)
            {
                bit = sent.Bit ^ (sent.PreparationError ? 1 : 0);
                if (_signalRng.NextDouble() < rx.MisalignmentErrorRate) bit ^= 1;
            }
            else bit = _signalRng.NextDouble() < 0.5 ? 0 : 1;
            hitMask |= 1 << Channels.ForBasisBit(basis, bit);
        }
        _truth.SignalSlotsDetected++;
        if ((hitMask & (hitMask - 1)) != 0) _truth.MultiClickSlots++;
        double arrival = ArrivalPs(slot, chunkEnd);
        for (int ch = 0; ch < 4; ch++)
            if ((hitMask & (1 << ch)) != 0)
                Push(new TaggerEvent(Stamp(arrival + Jitter(_signalRng, _detectorSigmaPs), ch), (byte)ch, EventOrigin.Signal, slot));
    }

    int ConditionalPoisson(double mean)
    {
        // Inverse CDF of Poisson(mean) restricted to k >= 1; mean is far below 1 in any real link.
        double u = _signalRng.NextDouble() * -double.ExpM1(-mean);
        double term = Math.Exp(-mean) * mean, cumulative = term;
        int k = 1;
        while (u >= cumulative && k < 1000)
        {
            k++;
            term *= mean / k;
            cumulative += term;
        }
        return k;
    }

    void GenerateNoise()
    {
        var rx = _sim.Config.Receiver;
        double start = _boundaryPs[0], end = _boundaryPs[^1];
        double rate = rx.DarkCountsPerSecond + rx.BackgroundCountsPerSecond;
        if (rate > 0)
        {
            double darkFraction = rx.DarkCountsPerSecond / rate;
            for (int ch = 0; ch < 4; ch++)
                for (double t = start + _noiseRng.NextExponential(1e12 / rate); t < end; t += _noiseRng.NextExponential(1e12 / rate))
                {
                    var origin = _noiseRng.NextDouble() < darkFraction ? EventOrigin.DarkCount : EventOrigin.Background;
                    Push(new TaggerEvent(Stamp(t, ch), (byte)ch, origin, -1));
                }
        }
        double beaconRate = _sim.Config.Beacon.BackgroundCountsPerSecond;
        if (beaconRate > 0)
            for (double t = start + _noiseRng.NextExponential(1e12 / beaconRate); t < end; t += _noiseRng.NextExponential(1e12 / beaconRate))
                Push(new TaggerEvent(Stamp(t, Channels.Beacon), Channels.Beacon, EventOrigin.BeaconBackground, -1));
    }

    void GenerateBeacon(long chunkEnd)
    {
        double p = _sim.Config.Beacon.DetectionProbability;
        long period = _beacon.PeriodSlots;
        for (long k = (_chunkStart + period - 1) / period; k * period < chunkEnd; k++)
        {
            if (!_beacon.IsSent(k)) continue;
            _truth.BeaconPulsesSent++;
            if (_beaconRng.NextDouble() >= p) continue;
            double arrival = ArrivalPs(k * period, chunkEnd) + Jitter(_beaconRng, _beaconSigmaPs);
            Push(new TaggerEvent(Stamp(arrival, Channels.Beacon), Channels.Beacon, EventOrigin.Beacon, k));
        }
    }

    static double Jitter(Xoshiro256 rng, double sigma)
    {
        if (sigma <= 0) return 0;
        double g;
        do g = rng.NextGaussian(); while (Math.Abs(g) > JitterTruncationSigmas);
        return g * sigma;
    }

    /// <summary>Adds the channel's skew and quantises to the tagger's resolution.</summary>
    long Stamp(double idealPs, int channel)
        => (long)(Math.Floor((idealPs + _skewPs[channel]) / _resolutionPs) * _resolutionPs);

    void Push(in TaggerEvent e) => _pending.Enqueue(e, (e.TimePs, _sequence++));

    /// <summary>Releases pending events earlier than <paramref name="limitPs"/> in time order through each detector's
    /// dead time (non-paralysable) and afterpulsing.</summary>
    void Drain(TaggerEventBatch batch, double limitPs)
    {
        var rx = _sim.Config.Receiver;
        while (_pending.TryPeek(out var e, out var key) && key.time < limitPs)
        {
            _pending.Dequeue();
            int ch = e.Channel;
            long dead = ch == Channels.Beacon ? _beaconDeadPs : _detectorDeadPs;
            if (_lastClickPs[ch] != long.MinValue && e.TimePs - _lastClickPs[ch] < dead)
            {
                _truth.DeadTimeLosses++;
                continue;
            }
            _lastClickPs[ch] = e.TimePs;
            batch.Add(e);
            Count(e);
            if (ch != Channels.Beacon && rx.AfterpulseProbability > 0 && _afterpulseRng.NextDouble() < rx.AfterpulseProbability)
            {
                double delay = dead + _afterpulseRng.NextExponential(rx.AfterpulseDelayNs * 1000);
                long t = (long)(Math.Floor((e.TimePs + delay) / _resolutionPs) * _resolutionPs);
                Push(new TaggerEvent(Math.Max(t, e.TimePs + dead), e.Channel, EventOrigin.Afterpulse, -1));
            }
        }
    }

    void Count(in TaggerEvent e)
    {
        if (!_fifo.Offer(e.TimePs)) _truth.FifoOverflowsPredicted++;
        ref var second = ref _truth.Timeline.At((int)Math.Floor((e.TimePs - _groundStartPs) / 1e12));
        switch (e.Origin)
        {
            case EventOrigin.Signal:
                _truth.SignalClicks++;
                second.SignalClicks++;
                second.Detections++;
                _sim.Satellite.TryGetSent(e.Slot, out var sent);
                _truth.SignalClicksPerClass[sent.IntensityClass]++;
                if (Channels.BasisOf(e.Channel) == sent.Basis)
                {
                    bool error = Channels.BitOf(e.Channel) != sent.Bit;
                    _truth.BasisMatchedSignalClicks++;
                    second.BasisMatchedSignalClicks++;
                    if (error)
                    {
                        _truth.BasisMatchedSignalErrors++;
                        second.BasisMatchedSignalErrors++;
                    }
                }
                break;
            case EventOrigin.DarkCount: _truth.DarkCounts++; second.Detections++; second.NoiseClicks++; break;
            case EventOrigin.Background: _truth.BackgroundCounts++; second.Detections++; second.NoiseClicks++; break;
            case EventOrigin.Afterpulse: _truth.Afterpulses++; second.Detections++; second.NoiseClicks++; break;
            case EventOrigin.Beacon: _truth.BeaconDetections++; second.BeaconDetections++; break;
            case EventOrigin.BeaconBackground: _truth.BeaconBackgroundCounts++; second.BeaconBackgroundCounts++; break;
        }
    }
}

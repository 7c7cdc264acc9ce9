namespace GroundStation.Simulator.Config;

/// <summary>Rejects impossible values with the JSON path of the field, so a pass file error is fixed in one look.</summary>
public static class PassValidator
{
    const double ProbabilitySumTolerance = 1e-9;

    /// <summary>A day: longer than any pass a ground station tracks; 1e9 s would sit at 0 % for ever.</summary>
    public const double MaxDurationSeconds = 86_400;

    /// <summary>10 GHz (100 ps slots): beyond any QKD source and at the tagger's resolution.</summary>
    public const double MaxPulseRateHz = 1e10;

    /// <summary>Counts per second per detector: a 10 ns dead time saturates there; real SPCMs saturate below.</summary>
    public const double MaxCountsPerSecond = 1e8;

    /// <summary>Mean photon number per pulse: QKD sends below one; a hundred is already a classical pulse.</summary>
    public const double MaxMeanPhotonNumber = 100;

    public static void Validate(PassConfig c)
    {
        if (c.DurationSeconds is { } d) { Positive("$.durationSeconds", d); AtMost("$.durationSeconds", d, MaxDurationSeconds); }

        var s = c.Source;
        Positive("$.source.pulseRateHz", s.PulseRateHz);
        AtMost("$.source.pulseRateHz", s.PulseRateHz, MaxPulseRateHz);
        if (s.Intensities.Length == 0) Fail("$.source.intensities", "needs at least one intensity class");
        for (int i = 0; i < s.Intensities.Length; i++) { NonNegative($"$.source.intensities[{i}]", s.Intensities[i]); AtMost($"$.source.intensities[{i}]", s.Intensities[i], MaxMeanPhotonNumber); }
        if (s.IntensityProbabilities.Length != s.Intensities.Length)
            Fail("$.source.intensityProbabilities", $"has {s.IntensityProbabilities.Length} entries, source.intensities has {s.Intensities.Length}");
        Distribution("$.source.intensityProbabilities", s.IntensityProbabilities);
        if (s.Intensities.Length > 255) Fail("$.source.intensities", "at most 255 classes");
        Probability("$.source.zBasisProbability", s.ZBasisProbability);
        Probability("$.source.statePreparationErrorRate", s.StatePreparationErrorRate);

        var l = c.Link;
        if (l.LossProfile is { } lp) Profile("$.link.lossProfile", lp, valuesStrictlyPositive: false);
        if (l.RangeProfile is { } rp) Profile("$.link.rangeProfile", rp, valuesStrictlyPositive: true);
        NonNegative("$.link.scintillationIndex", l.ScintillationIndex);
        Positive("$.link.scintillationCoherenceSeconds", l.ScintillationCoherenceSeconds);

        var g = c.Geometry;
        Positive("$.geometry.altitudeKm", g.AltitudeKm);
        Range("$.geometry.inclinationDeg", g.InclinationDeg, 0, 180);
        Range("$.geometry.stationLatitudeDeg", g.StationLatitudeDeg, -89.9, 89.9);
        Range("$.geometry.stationLongitudeDeg", g.StationLongitudeDeg, -180, 360);
        Range("$.geometry.minElevationDeg", g.MinElevationDeg, 0, 89);
        Range("$.geometry.maxElevationDeg", g.MaxElevationDeg, g.MinElevationDeg + 0.5, 90);
        Positive("$.geometry.txApertureM", g.TxApertureM);
        Positive("$.geometry.rxApertureM", g.RxApertureM);
        Positive("$.geometry.wavelengthNm", g.WavelengthNm);
        if (g.BeamDivergenceUrad is { } div) Positive("$.geometry.beamDivergenceUrad", div);
        NonNegative("$.geometry.pointingLossDb", g.PointingLossDb);
        NonNegative("$.geometry.zenithExtinctionDb", g.ZenithExtinctionDb);
        NonNegative("$.geometry.receiverOpticsLossDb", g.ReceiverOpticsLossDb);
        bool usesGeometry = l.LossProfile is null || l.RangeProfile is null;
        if (c.Orbit is { } o) Orbit(o);
        else if (usesGeometry) Physics.OrbitGeometry.CheckReachable(g);

        var r = c.Receiver;
        Probability("$.receiver.detectorEfficiency", r.DetectorEfficiency);
        CountRate("$.receiver.darkCountsPerSecond", r.DarkCountsPerSecond);
        CountRate("$.receiver.backgroundCountsPerSecond", r.BackgroundCountsPerSecond);
        Range("$.receiver.misalignmentErrorRate", r.MisalignmentErrorRate, 0, 0.5);
        NonNegative("$.receiver.jitterPsFwhm", r.JitterPsFwhm);
        NonNegative("$.receiver.deadTimeNs", r.DeadTimeNs);
        Range("$.receiver.afterpulseProbability", r.AfterpulseProbability, 0, 0.5);  // < 1 keeps afterpulse chains finite
        NonNegative("$.receiver.afterpulseDelayNs", r.AfterpulseDelayNs);
        Probability("$.receiver.zBasisSplitRatio", r.ZBasisSplitRatio);

        var b = c.Beacon;
        if (b.PeriodSlots < 1) Fail("$.beacon.periodSlots", "must be at least 1");
        if (b.FrameLength < 1) Fail("$.beacon.frameLength", "must be at least 1");
        for (int i = 0; i < b.OmittedPositions.Length; i++)
            if (b.OmittedPositions[i] < 0 || b.OmittedPositions[i] >= b.FrameLength)
                Fail($"$.beacon.omittedPositions[{i}]", $"must lie in [0, frameLength = {b.FrameLength})");
        if (b.OmittedPositions.Distinct().Count() >= b.FrameLength) Fail("$.beacon.omittedPositions", "omits every pulse of the frame");
        Probability("$.beacon.detectionProbability", b.DetectionProbability);
        NonNegative("$.beacon.jitterPsFwhm", b.JitterPsFwhm);
        CountRate("$.beacon.backgroundCountsPerSecond", b.BackgroundCountsPerSecond);
        NonNegative("$.beacon.deadTimeNs", b.DeadTimeNs);

        var gc = c.Clocks.Ground;
        NonNegative("$.clocks.ground.offsetSeconds", gc.OffsetSeconds);
        Range("$.clocks.ground.rateErrorPpm", gc.RateErrorPpm, -1000, 1000);
        Range("$.clocks.ground.driftPpbPerSecond", gc.DriftPpbPerSecond, -1000, 1000);
        var sc = c.Clocks.Satellite;
        Range("$.clocks.satellite.rateErrorPpm", sc.RateErrorPpm, -1000, 1000);
        Range("$.clocks.satellite.driftPpbPerSecond", sc.DriftPpbPerSecond, -1000, 1000);
        if (sc.RelativisticRatePpb is { } rel) Range("$.clocks.satellite.relativisticRatePpb", rel, -1000, 1000);

        var t = c.Tagger;
        Positive("$.tagger.resolutionPs", t.ResolutionPs);
        if (t.ChannelSkewPs.Length != Channels.Count)
            Fail("$.tagger.channelSkewPs", $"needs {Channels.Count} entries (H, V, D, A, beacon), has {t.ChannelSkewPs.Length}");
        for (int i = 0; i < t.ChannelSkewPs.Length; i++)
            Range($"$.tagger.channelSkewPs[{i}]", t.ChannelSkewPs[i], -1e6, 1e6);
        if (t.FifoDepth < 1) Fail("$.tagger.fifoDepth", "must be at least 1");
        Positive("$.tagger.readoutEventsPerSecond", t.ReadoutEventsPerSecond);
    }

    static void Orbit(OrbitConfig o)
    {
        Physics.TleGeometry.ParseElements(o.Tle);
        Range("$.orbit.stationLatitudeDeg", o.StationLatitudeDeg, -90, 90);
        Range("$.orbit.stationLongitudeDeg", o.StationLongitudeDeg, -180, 360);
        Range("$.orbit.stationAltitudeM", o.StationAltitudeM, -500, 10000);
        Range("$.orbit.ut1MinusUtcSeconds", o.Ut1MinusUtcSeconds, -1, 1);
    }

    static void Fail(string path, string problem) => throw new PassFileException(path, problem);

    static void Finite(string path, double v)
    {
        if (!double.IsFinite(v)) Fail(path, "must be a finite number");
    }

    static void Positive(string path, double v)
    {
        Finite(path, v);
        if (v <= 0) Fail(path, $"must be positive, is {v}");
    }

    static void NonNegative(string path, double v)
    {
        Finite(path, v);
        if (v < 0) Fail(path, $"must not be negative, is {v}");
    }

    static void Probability(string path, double v) => Range(path, v, 0, 1);

    static void CountRate(string path, double v)
    {
        NonNegative(path, v);
        AtMost(path, v, MaxCountsPerSecond);
    }

    static void AtMost(string path, double v, double max)
    {
        if (v > max) Fail(path, $"must be at most {max:G}, is {v:G}");
    }

    static void Range(string path, double v, double min, double max)
    {
        Finite(path, v);
        if (v < min || v > max) Fail(path, $"must lie in [{min}, {max}], is {v}");
    }

    static void Distribution(string path, double[] p)
    {
        for (int i = 0; i < p.Length; i++) Probability($"{path}[{i}]", p[i]);
        double sum = p.Sum();
        if (Math.Abs(sum - 1) > ProbabilitySumTolerance) Fail(path, $"must sum to 1, sums to {sum}");
    }

    static void Profile(string path, double[][] points, bool valuesStrictlyPositive)
    {
        if (points.Length == 0) Fail(path, "needs at least one [t_s, value] point");
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] is null || points[i].Length != 2) Fail($"{path}[{i}]", "must be a pair [t_s, value]");
            Finite($"{path}[{i}][0]", points[i][0]);
            AtMost($"{path}[{i}][0]", points[i][0], MaxDurationSeconds); // the profile's end may set the pass length
            Finite($"{path}[{i}][1]", points[i][1]);
            if (valuesStrictlyPositive) Positive($"{path}[{i}][1]", points[i][1]);
            else NonNegative($"{path}[{i}][1]", points[i][1]);
            if (i > 0 && points[i][0] <= points[i - 1][0]) Fail($"{path}[{i}][0]", "times must increase strictly");
        }
    }
}

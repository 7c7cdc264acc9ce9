namespace GroundStation.Testbed.Bench.Timing;

/// <summary>One generated chunk of tagger events with the truth behind each.</summary>
public sealed class TimingBatch(int capacity)
{
    public long[] TimestampsPs { get; } = new long[capacity];
    public byte[] Channels { get; } = new byte[capacity];

    /// <summary>Slot the event came from; -1 for background (dark count, daylight).</summary>
    public long[] TruthSlots { get; } = new long[capacity];

    /// <summary>Timing jitter added to the event (ps); the part of the residual the engine cannot know.</summary>
    public double[] TruthJitterPs { get; } = new double[capacity];

    public int Count { get; set; }
}

/// <summary>
/// A compact synthetic time-tagger stream with known truth (stand-in for the full pass simulator): the beacon with
/// its frame marker, detection probability, jitter and background; signal detections at known slots on four
/// channels with per-channel skew and jitter; dark/daylight background; dead time; an optional outage. Events come
/// in chunks of satellite time, sorted by arrival before skew, so channels interleave slightly out of order as a
/// tagger's would (each channel stays monotonic through its dead time).
/// </summary>
public sealed class SyntheticTimingStream
{
    private const double ChunkSeconds = 1e-3;

    private readonly TimingScenario _s;
    private readonly Random _random;
    private readonly long[] _lastPerChannel;
    private readonly List<Pending> _pending = new();
    private double _chunkStart;

    public SyntheticTimingStream(TimingScenario scenario)
    {
        _s = scenario;
        _random = new Random(scenario.Seed);
        _lastPerChannel = new long[256];
        Array.Fill(_lastPerChannel, long.MinValue / 2);
    }

    public TimingScenario Scenario => _s;

    /// <summary>Satellite time (s since start) up to which events have been generated.</summary>
    public double GeneratedSeconds => _chunkStart;

    public bool Finished => _chunkStart >= _s.DurationSeconds;

    /// <summary>Fills the batch with the next chunk(s) of events, at least until the given span of satellite time
    /// or the capacity is near. Returns false at the end of the stream.</summary>
    public bool Next(TimingBatch batch, double spanSeconds = ChunkSeconds)
    {
        batch.Count = 0;
        if (Finished)
        {
            return false;
        }

        var until = Math.Min(_s.DurationSeconds, _chunkStart + spanSeconds);
        while (_chunkStart < until)
        {
            var end = Math.Min(until, _chunkStart + ChunkSeconds);
            GenerateChunk(_chunkStart, end);
            _chunkStart = end;
            if (batch.Count + _pending.Count > batch.TimestampsPs.Length)
            {
                throw new InvalidOperationException("TimingBatch too small for the generated span");
            }

            Emit(batch);
        }

        return true;
    }

    private readonly record struct Pending(long SortKey, long TimePs, byte Channel, long Slot, double JitterPs);

    private void GenerateChunk(double from, double to)
    {
        _pending.Clear();
        var rate = _s.PulseRateHz;
        var firstSlot = _s.StartSlot + (long)Math.Ceiling(from * rate);
        var endSlot = _s.StartSlot + (long)Math.Ceiling(to * rate);

        // Beacon: pulse k at slot k * B unless its frame position is omitted.
        long b = _s.BeaconPeriodSlots;
        var k = (firstSlot + b - 1) / b;
        for (; k * b < endSlot; k++)
        {
            var sinceStart = _s.SecondsSinceStart(k * b);
            if (_s.InOutage(sinceStart) || IsOmitted(k) || _random.NextDouble() >= _s.BeaconDetectionProbability)
            {
                continue;
            }

            var jitter = Gaussian() * _s.BeaconJitterPs;
            var t = _s.GroundTimePs(k * b);
            _pending.Add(new Pending(t, t + (long)Math.Round(jitter), _s.BeaconChannel, k * b, jitter));
        }

        // Signal detections at uniformly random slots of the chunk.
        var blocked = _s.OutageBlocksSignal && _s.InOutage(from);
        var signals = blocked ? 0 : Poisson(_s.DetectionRateHz * (to - from));
        for (var i = 0; i < signals; i++)
        {
            var slot = firstSlot + (long)(_random.NextDouble() * (endSlot - firstSlot));
            var channel = (byte)_random.Next(_s.DetectorChannels);
            var jitter = Gaussian() * _s.DetectionJitterPs;
            var t = _s.GroundTimePs(slot);
            var skew = channel < _s.ChannelSkewPs.Length ? _s.ChannelSkewPs[channel] : 0;
            _pending.Add(new Pending(t, t + skew + (long)Math.Round(jitter), channel, slot, jitter));
        }

        // Background: uniform in ground time over the chunk's arrival span.
        var groundFrom = _s.GroundTimeAtPs(from);
        var groundTo = _s.GroundTimeAtPs(to);
        for (var channel = 0; channel <= _s.BeaconChannel; channel++)
        {
            var hz = channel == _s.BeaconChannel ? _s.BeaconBackgroundHz
                : channel < _s.DetectorChannels ? _s.DetectorBackgroundHz : 0;
            var n = Poisson(hz * (to - from));
            for (var i = 0; i < n; i++)
            {
                var t = groundFrom + (long)(_random.NextDouble() * (groundTo - groundFrom));
                _pending.Add(new Pending(t, t, (byte)channel, -1, double.NaN));
            }
        }

        _pending.Sort((x, y) => x.SortKey.CompareTo(y.SortKey));
    }

    private void Emit(TimingBatch batch)
    {
        foreach (var p in _pending)
        {
            // Dead time per channel; also keeps every channel monotonic.
            if (p.TimePs - _lastPerChannel[p.Channel] < _s.DeadTimePs)
            {
                continue;
            }

            _lastPerChannel[p.Channel] = p.TimePs;
            var i = batch.Count++;
            batch.TimestampsPs[i] = p.TimePs;
            batch.Channels[i] = p.Channel;
            batch.TruthSlots[i] = p.Slot;
            batch.TruthJitterPs[i] = p.JitterPs;
        }
    }

    private bool IsOmitted(long beaconIndex)
    {
        var position = (int)(beaconIndex % _s.FrameLengthBeacons);
        return Array.IndexOf(_s.OmittedFramePositions, position) >= 0;
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Gaussian())));
        }

        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= _random.NextDouble();
            count++;
        }

        return count;
    }
}

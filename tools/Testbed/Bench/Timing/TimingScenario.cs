namespace GroundStation.Testbed.Bench.Timing;

/// <summary>
/// Known truth for a synthetic time-tagger stream: the satellite's source and beacon, the link's delay profile,
/// the ground clock, the detectors. Satellite time tau = slot / PulseRateHz from the satellite epoch; a pulse sent
/// at tau reaches the tagger at ground time
///   t(tau) = GroundStartPs + ((tau - tau0) + delay(tau) - delay(tau0)) * (1 + ClockOffsetPpm * 1e-6) * 1e12
/// with tau0 the stream start and delay(tau) = sqrt(H^2 + (D * (tau - tauZenith))^2) a straight-line pass whose
/// Doppler tends to +-D = PassMaxDopplerPpm and whose rate change peaks at PassMaxRateChangePpmPerSecond overhead.
/// </summary>
public sealed class TimingScenario
{
    public long PulseRateHz { get; init; } = 100_000_000;
    public int BeaconPeriodSlots { get; init; } = 10_000;
    public int FrameLengthBeacons { get; init; } = 100;
    public int[] OmittedFramePositions { get; init; } = [0, 1, 3, 7];
    public byte BeaconChannel { get; init; } = 4;
    public int DetectorChannels { get; init; } = 4;

    /// <summary>Slot (from the satellite epoch) at which the stream starts.</summary>
    public long StartSlot { get; init; } = 123_456_789_000;

    /// <summary>Ground tagger time at which the start slot arrives (any offset, e.g. minutes of light time).</summary>
    public long GroundStartPs { get; init; } = 7_654_321_000_000;

    public double DurationSeconds { get; init; } = 5;

    /// <summary>Constant rate offset: both oscillators plus relativistic terms (ppm, ground ps per satellite ps - 1).</summary>
    public double ClockOffsetPpm { get; init; }

    /// <summary>0 = no pass (constant delay).</summary>
    public double PassMaxDopplerPpm { get; init; }

    public double PassMaxRateChangePpmPerSecond { get; init; } = 0.4;

    /// <summary>Zenith time relative to the stream start (s).</summary>
    public double PassZenithSeconds { get; init; }

    public double BeaconDetectionProbability { get; init; } = 0.05;
    public double BeaconJitterPs { get; init; } = 50;
    public double BeaconBackgroundHz { get; init; } = 2000;

    /// <summary>Signal detections (all four detectors together).</summary>
    public double DetectionRateHz { get; init; } = 20_000;
    public double DetectionJitterPs { get; init; } = 100;

    /// <summary>Background (dark + daylight) per detector channel.</summary>
    public double DetectorBackgroundHz { get; init; } = 500;

    /// <summary>True per-channel delays (ps) the skew calibration should find.</summary>
    public int[] ChannelSkewPs { get; init; } = [0, 0, 0, 0];

    public long DeadTimePs { get; init; } = 30_000;

    /// <summary>Beacon outages (fade, cloud): start relative to the stream start and length, seconds.</summary>
    public (double StartSeconds, double Seconds)[] Outages { get; init; } = [];

    /// <summary>True: the outage also blocks the quantum signal (cloud); false: beacon-only fade.</summary>
    public bool OutageBlocksSignal { get; init; }

    public int Seed { get; init; } = 1;

    public double SlotSeconds => 1.0 / PulseRateHz;

    /// <summary>Satellite time of slot n, relative to the stream start (s).</summary>
    public double SecondsSinceStart(long slot) => (slot - StartSlot) / (double)PulseRateHz;

    private double DelaySeconds(double sinceStart)
    {
        if (PassMaxDopplerPpm == 0)
        {
            return 0;
        }

        var d = PassMaxDopplerPpm * 1e-6;
        var h = d * d / (PassMaxRateChangePpmPerSecond * 1e-6);
        var s = d * (sinceStart - PassZenithSeconds);
        return Math.Sqrt((h * h) + (s * s));
    }

    /// <summary>Ground time (ps, not rounded) at which a pulse sent at satellite time sinceStart (s) arrives.</summary>
    public double GroundOffsetPs(double sinceStart) =>
        (sinceStart + DelaySeconds(sinceStart) - DelaySeconds(0)) * (1 + (ClockOffsetPpm * 1e-6)) * 1e12;

    /// <summary>Ground time of the arrival of slot n (ps, rounded).</summary>
    public long GroundTimePs(long slot) => GroundStartPs + (long)Math.Round(GroundOffsetPs(SecondsSinceStart(slot)));

    /// <summary>Ground time at which satellite time sinceStart (s) arrives.</summary>
    public long GroundTimeAtPs(double sinceStart) => GroundStartPs + (long)Math.Round(GroundOffsetPs(sinceStart));

    /// <summary>The slot arriving at ground time t (inverse of <see cref="GroundTimePs"/> by Newton steps).</summary>
    public long SlotAt(long groundPs)
    {
        var target = (double)(groundPs - GroundStartPs);
        var s = target / 1e12;
        for (var i = 0; i < 6; i++)
        {
            var f = GroundOffsetPs(s) - target;
            var df = (GroundOffsetPs(s + 1e-3) - GroundOffsetPs(s - 1e-3)) / 2e-3;
            s -= f / df;
        }

        return StartSlot + (long)Math.Round(s * PulseRateHz);
    }

    /// <summary>Rate offset of the arrivals at satellite time sinceStart (ppm).</summary>
    public double RateOffsetPpm(double sinceStart) =>
        ((GroundOffsetPs(sinceStart + 1e-3) - GroundOffsetPs(sinceStart - 1e-3)) / 2e9 - 1) * 1e6;

    public bool InOutage(double sinceStart)
    {
        foreach (var (start, seconds) in Outages)
        {
            if (sinceStart >= start && sinceStart < start + seconds)
            {
                return true;
            }
        }

        return false;
    }
}

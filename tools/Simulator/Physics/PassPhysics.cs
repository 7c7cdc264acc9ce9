using GroundStation.Simulator.Config;
using static GroundStation.Simulator.Physics.PhysicalConstants;

namespace GroundStation.Simulator.Physics;

/// <summary>
/// The deterministic part of a pass: duration, loss, range, clocks and the ideal (noise-free) ground arrival time of
/// every slot. Pass time = true seconds since pass start; ground time = the ground tagger's reading in picoseconds.
/// gsctl can use it as the pass ephemeris (predicted delay and Doppler).
/// </summary>
public sealed class PassPhysics
{
    readonly IRangeModel _range;
    readonly ILossModel _loss;

    public PassPhysics(PassConfig config)
    {
        Config = config;
        var link = config.Link;
        bool needsGeometry = link.LossProfile is null || link.RangeProfile is null;
        if (config.Orbit is { } orbit)
        {
            Tle = new TleGeometry(orbit, config.Geometry.MinElevationDeg, config.DurationSeconds);
            Geometry = Tle;
        }
        else if (needsGeometry)
        {
            var circular = new OrbitGeometry(config.Geometry, config.DurationSeconds);
            Geometry = circular;
            CircularOrbitSeconds = circular.RiseToSetSeconds;
        }

        _range = link.RangeProfile is { } rp ? new RangeProfile(rp) : Geometry!;
        _loss = link.LossProfile is { } lp ? new LinearProfile(lp) : new GeometricLinkBudget(config.Geometry, Geometry!);
        DurationSeconds = config.DurationSeconds ?? Tle?.DurationSeconds ?? CircularOrbitSeconds ?? ProfilesEnd(link);
        if (DurationSeconds <= 0)
            throw new PassFileException("$.durationSeconds", "is missing and the profiles end at or before t = 0");
        PulseRateHz = config.Source.PulseRateHz;
        SlotWidthPs = PicosecondsPerSecond / PulseRateHz;
        SlotCount = (long)Math.Floor(DurationSeconds * PulseRateHz);
        double altitudeKm = Tle is { } tle ? tle.SemiMajorAxisKm - EarthRadiusMeters / 1000 : config.Geometry.AltitudeKm;
        double relativistic = config.Clocks.Satellite.RelativisticRatePpb is { } ppb
            ? ppb * 1e-9
            : OrbitGeometry.RelativisticRate(altitudeKm);
        Clocks = new ClockModel(config.Clocks, relativistic);
    }

    public PassConfig Config { get; }
    /// <summary>The orbit over the station (circular model or TLE); null when both loss and range come from profiles.</summary>
    public IPassGeometry? Geometry { get; }
    /// <summary>The TLE orbit when the pass file has one (its start UTC and tracker), else null.</summary>
    public TleGeometry? Tle { get; }
    double? CircularOrbitSeconds { get; }
    public ClockModel Clocks { get; }
    public double DurationSeconds { get; }
    public double PulseRateHz { get; }
    /// <summary>Nominal slot width in picoseconds on the satellite clock (10,000 at 100 MHz).</summary>
    public double SlotWidthPs { get; }
    /// <summary>Slots 0 .. SlotCount-1 are sent during the pass.</summary>
    public long SlotCount { get; }

    /// <summary>Loss from source output to detector input (no scintillation, no detector efficiency).</summary>
    public double LossDb(double passSeconds) => _loss.LossDb(passSeconds);
    public double RangeMeters(double passSeconds) => _range.RangeMeters(passSeconds);
    /// <summary>NaN when the range comes from a profile and no geometry exists.</summary>
    public double ElevationDeg(double passSeconds) => Geometry?.ElevationDeg(passSeconds) ?? double.NaN;

    /// <summary>Range rate (positive: receding), central difference over 1 ms.</summary>
    public double RangeRateMetersPerSecond(double passSeconds)
        => (RangeMeters(passSeconds + 5e-4) - RangeMeters(passSeconds - 5e-4)) / 1e-3;

    /// <summary>True time at which slot n leaves the satellite (satellite clock error included).</summary>
    public double EmissionTrueSeconds(double slot) => Clocks.TrueSecondsAtSatelliteReading(slot / PulseRateHz);

    /// <summary>True reception time of light emitted at <paramref name="emissionSeconds"/>: solves
    /// t_a = t_e + range(t_a) / c by fixed-point iteration (contracts by v/c per step).</summary>
    public double ArrivalTrueSeconds(double emissionSeconds)
    {
        double ta = emissionSeconds + RangeMeters(emissionSeconds) / SpeedOfLightMetersPerSecond;
        for (int i = 0; i < 2; i++) ta = emissionSeconds + RangeMeters(ta) / SpeedOfLightMetersPerSecond;
        return ta;
    }

    /// <summary>Ground tagger reading (ps) at true time t.</summary>
    public double GroundPs(double trueSeconds) => Clocks.GroundReadingSeconds(trueSeconds) * PicosecondsPerSecond;

    /// <summary>True time at which the ground tagger reads <paramref name="groundPs"/>.</summary>
    public double TrueSecondsAtGroundPs(double groundPs) => Clocks.TrueSecondsAtGroundReading(groundPs / PicosecondsPerSecond);

    /// <summary>Ground tagger reading of the arrival of slot n's light: no jitter, no skew, no quantisation.
    /// A (fractional) slot number is allowed, so a beacon or window edge can be mapped too.</summary>
    public double IdealArrivalGroundPs(double slot) => GroundPs(ArrivalTrueSeconds(EmissionTrueSeconds(slot)));

    /// <summary>Ground-time slot width divided by satellite-time slot width, minus 1, at pass time t (ppm): the Doppler
    /// plus both clocks' rate errors as the timing engine sees them.</summary>
    public double ApparentRateErrorPpm(double passSeconds)
    {
        double n = passSeconds * PulseRateHz;
        double dn = PulseRateHz * 1e-3;
        double slope = (IdealArrivalGroundPs(n + dn) - IdealArrivalGroundPs(n - dn)) / (2 * dn);
        return (slope / SlotWidthPs - 1) * 1e6;
    }

    static double ProfilesEnd(LinkConfig link)
        => Math.Min(link.LossProfile![^1][0], link.RangeProfile![^1][0]);
}

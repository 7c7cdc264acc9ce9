using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Physics;

/// <summary>
/// The two oscillators against true time t (seconds since pass start, station frame).
/// Satellite: reading(t) = (1 + y_s) t + d_s t^2 / 2 with y_s = rate error + relativistic term; slot n leaves when the
/// reading equals n slot widths, so slot 0 leaves at t = 0 (the satellite epoch).
/// Ground: reading(t) = offset + (1 + y_g) t + d_g t^2 / 2: the tagger's picosecond count.
/// </summary>
public sealed class ClockModel
{
    readonly double _satRate, _satDrift, _groundOffset, _groundRate, _groundDrift;

    public ClockModel(ClocksConfig c, double relativisticRate)
    {
        _satRate = c.Satellite.RateErrorPpm * 1e-6 + relativisticRate;
        _satDrift = c.Satellite.DriftPpbPerSecond * 1e-9;
        _groundOffset = c.Ground.OffsetSeconds;
        _groundRate = c.Ground.RateErrorPpm * 1e-6;
        _groundDrift = c.Ground.DriftPpbPerSecond * 1e-9;
        RelativisticRate = relativisticRate;
    }

    /// <summary>Fractional rate of the satellite clock that comes from time dilation (negative: runs slow).</summary>
    public double RelativisticRate { get; }
    /// <summary>Total fractional rate error of the satellite clock at t = 0.</summary>
    public double SatelliteRate => _satRate;

    /// <summary>True time at which the satellite clock reads <paramref name="satelliteSeconds"/> (Newton on the quadratic).</summary>
    public double TrueSecondsAtSatelliteReading(double satelliteSeconds)
    {
        double t = satelliteSeconds / (1 + _satRate);
        for (int i = 0; i < 3; i++)
        {
            double f = (1 + _satRate) * t + 0.5 * _satDrift * t * t - satelliteSeconds;
            t -= f / (1 + _satRate + _satDrift * t);
        }
        return t;
    }

    /// <summary>Ground clock reading in seconds at true time t.</summary>
    public double GroundReadingSeconds(double trueSeconds)
        => _groundOffset + (1 + _groundRate) * trueSeconds + 0.5 * _groundDrift * trueSeconds * trueSeconds;

    /// <summary>Inverse of <see cref="GroundReadingSeconds"/>.</summary>
    public double TrueSecondsAtGroundReading(double groundSeconds)
    {
        double target = groundSeconds - _groundOffset;
        double t = target / (1 + _groundRate);
        for (int i = 0; i < 3; i++)
        {
            double f = (1 + _groundRate) * t + 0.5 * _groundDrift * t * t - target;
            t -= f / (1 + _groundRate + _groundDrift * t);
        }
        return t;
    }
}

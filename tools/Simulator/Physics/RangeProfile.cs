namespace GroundStation.Simulator.Physics;

/// <summary>
/// Range from a [[t_s, range_km], ...] profile. Three or more points: a natural cubic spline, so the Doppler (the
/// range rate) is continuous and the timing engine does not see artificial rate steps at the sample times; two
/// points: a straight line (constant Doppler); one point: constant range. Linear extrapolation with the end slope.
/// </summary>
public sealed class RangeProfile(double[][] pointsKm) : IRangeModel
{
    readonly NaturalCubicSpline _spline = new(pointsKm.Select(p => p[0]).ToArray(), pointsKm.Select(p => p[1] * 1000.0).ToArray());

    public double FirstTime => _spline.FirstTime;
    public double LastTime => _spline.LastTime;

    public double RangeMeters(double t) => _spline.ValueAt(t);
}

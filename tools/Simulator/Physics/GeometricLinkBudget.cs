using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Physics;

/// <summary>
/// Link loss from geometry: Gaussian-beam collection by the receiver aperture at the slant range, plus pointing loss,
/// atmospheric extinction scaled by the air mass 1/sin(elevation), and fixed receiver-optics loss.
/// </summary>
public sealed class GeometricLinkBudget(GeometryConfig g, IPassGeometry orbit) : ILossModel
{
    readonly double _waistMeters = g.TxApertureM / 2;
    readonly double _halfDivergenceRad = g.BeamDivergenceUrad is { } full
        ? full * 1e-6 / 2
        : g.WavelengthNm * 1e-9 / (Math.PI * g.TxApertureM / 2);

    public double LossDb(double passSeconds)
    {
        double range = orbit.RangeMeters(passSeconds);
        double elevation = Math.Max(orbit.ElevationDeg(passSeconds), 1.0);  // air mass capped near the horizon
        return CollectionLossDb(range) + g.PointingLossDb
            + g.ZenithExtinctionDb / Math.Sin(elevation * Math.PI / 180) + g.ReceiverOpticsLossDb;
    }

    /// <summary>Fraction of a Gaussian beam (radius w at range L) that falls into the receiver aperture, in dB.</summary>
    public double CollectionLossDb(double rangeMeters)
    {
        double spread = rangeMeters * _halfDivergenceRad;
        double w2 = _waistMeters * _waistMeters + spread * spread;
        double a = g.RxApertureM / 2;
        double fraction = -double.ExpM1(-2 * a * a / w2);
        return -10 * Math.Log10(fraction);
    }
}

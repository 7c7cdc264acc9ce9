namespace GroundStation.Orbit.Propagation;

/// <summary>Mean (or, after the lunar-solar periodics, osculating-ish) Keplerian elements in radians and rad/min.</summary>
internal struct MeanElements
{
    public double Eccentricity;
    public double Inclination;
    public double Node;
    public double ArgumentOfPerigee;
    public double MeanAnomaly;
    public double MeanMotion;
}

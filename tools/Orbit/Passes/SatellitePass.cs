namespace GroundStation.Orbit.Passes;

/// <summary>
/// One pass above the elevation mask: rise (acquisition of signal), culmination (maximum elevation) and set (loss of
/// signal), with azimuths. A pass already under way at the start of the search, or still up at its end, is cut
/// there and flagged.
/// </summary>
public sealed record SatellitePass(
    DateTime RiseUtc,
    DateTime CulminationUtc,
    DateTime SetUtc,
    double MaxElevationDeg,
    double RiseAzimuthDeg,
    double CulminationAzimuthDeg,
    double SetAzimuthDeg,
    bool RiseClipped,
    bool SetClipped)
{
    public TimeSpan Duration => SetUtc - RiseUtc;
}

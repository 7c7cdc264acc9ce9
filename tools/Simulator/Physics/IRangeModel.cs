namespace GroundStation.Simulator.Physics;

/// <summary>Satellite-to-station distance over pass time (seconds of true time since pass start).</summary>
public interface IRangeModel
{
    double RangeMeters(double passSeconds);
}

/// <summary>An orbit over the station (the circular model or a TLE): range, and the elevation the link budget needs.</summary>
public interface IPassGeometry : IRangeModel
{
    double ElevationDeg(double passSeconds);
}

/// <summary>Link loss in dB from the source output to the detectors' input (detector efficiency excluded).</summary>
public interface ILossModel
{
    double LossDb(double passSeconds);
}

using GroundStation.Orbit.Frames;

namespace GroundStation.Orbit.Propagation;

/// <summary>Position (km) and velocity (km/s) in the True Equator, Mean Equinox frame of date, as SGP4 gives them.</summary>
public readonly record struct TemeState(Vector3D PositionKm, Vector3D VelocityKmPerSecond);

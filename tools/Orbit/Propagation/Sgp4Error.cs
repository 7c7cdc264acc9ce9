namespace GroundStation.Orbit.Propagation;

/// <summary>Why SGP4 could not give a state (the theory's error codes 1-4 and 6, Vallado et al. 2006).</summary>
public enum Sgp4Error
{
    None = 0,

    /// <summary>Mean eccentricity left [-0.001, 1): drag has taken the orbit out of the theory's range.</summary>
    MeanEccentricityOutOfRange = 1,

    /// <summary>Mean motion became zero or negative.</summary>
    MeanMotionNotPositive = 2,

    /// <summary>Eccentricity after the lunar-solar periodics left [0, 1] (deep space).</summary>
    PerturbedEccentricityOutOfRange = 3,

    /// <summary>Semi-latus rectum negative.</summary>
    SemiLatusRectumNegative = 4,

    /// <summary>The satellite is below the Earth's surface: it has decayed.</summary>
    Decayed = 6,
}

/// <summary>A propagation the theory refuses, with the time asked for.</summary>
public sealed class Sgp4Exception(Sgp4Error error, double minutesSinceEpoch)
    : Exception($"SGP4 cannot propagate to {minutesSinceEpoch:0.###} min from the epoch: {Describe(error)}")
{
    public Sgp4Error Error { get; } = error;

    public double MinutesSinceEpoch { get; } = minutesSinceEpoch;

    public static string Describe(Sgp4Error error) => error switch
    {
        Sgp4Error.MeanEccentricityOutOfRange => "mean eccentricity out of range (orbit decayed under drag)",
        Sgp4Error.MeanMotionNotPositive => "mean motion not positive",
        Sgp4Error.PerturbedEccentricityOutOfRange => "perturbed eccentricity out of range",
        Sgp4Error.SemiLatusRectumNegative => "semi-latus rectum negative",
        Sgp4Error.Decayed => "the satellite has decayed (below the Earth's surface)",
        _ => "no error",
    };
}

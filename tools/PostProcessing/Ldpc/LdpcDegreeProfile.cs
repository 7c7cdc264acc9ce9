namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// The column degrees of the codes built here. m - 1 ... m columns of degree 2 form a staircase (each joins checks
/// i and i+1, closing the ring), the rest ("information" columns) have degree 3 or <see cref="HighDegree"/>. Check
/// degrees are kept within one of each other (concentrated). This is the irregular repeat-accumulate shape (Jin,
/// Khandekar and McEliece 2000) of the 802.11n and 5G NR codes: a degree-2 fraction near 1 - R without degree-2
/// cycles, a few high-degree columns that converge first and seed the rest.
/// </summary>
/// <param name="HighDegreeFraction">Share of information columns with the high degree.</param>
/// <param name="HighDegree">Degree of those columns.</param>
public sealed record LdpcDegreeProfile(double HighDegreeFraction, int HighDegree)
{
    /// <summary>Tuned by simulation on the binary symmetric channel (see README.md).</summary>
    public static LdpcDegreeProfile Default { get; } = new(0.35, 8);
}

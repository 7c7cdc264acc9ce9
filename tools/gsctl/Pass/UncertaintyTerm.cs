using System.Globalization;

namespace GroundStation.Gsctl.Pass;

/// <summary>One contribution to a prediction's uncertainty (ps), with what it assumes.</summary>
internal sealed record UncertaintyTerm(string Name, double Picoseconds, string Basis)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Milliseconds(Picoseconds)} ms ({Basis})");

    public static string Milliseconds(double picoseconds) => (picoseconds / 1e9).ToString("0.000", CultureInfo.InvariantCulture);
}

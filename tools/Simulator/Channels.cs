namespace GroundStation.Simulator;

/// <summary>Tagger channel numbering fixed for the whole project (timing engine and sifting use it).</summary>
public static class Channels
{
    public const int H = 0;
    public const int V = 1;
    public const int D = 2;
    public const int A = 3;
    public const int Beacon = 4;
    public const int Count = 5;

    public const byte BasisZ = 0;
    public const byte BasisX = 1;

    /// <summary>Detector channel for a (basis, bit): Z 0 = H, Z 1 = V, X 0 = D, X 1 = A.</summary>
    public static int ForBasisBit(int basis, int bit) => basis == BasisZ ? H + bit : D + bit;

    public static int BasisOf(int channel) => channel <= V ? BasisZ : BasisX;
    public static int BitOf(int channel) => channel & 1;
}

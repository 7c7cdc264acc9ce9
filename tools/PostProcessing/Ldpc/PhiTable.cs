namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// phi(x) = -ln(tanh(x / 2)) for x > 0, the function of the log-domain sum-product check update
/// (Gallager 1963): a check's outgoing magnitude to edge e is phi(sum of phi(|incoming|) over the other edges).
/// phi is its own inverse. Tabulated with linear interpolation on a grid fine enough that the decoder's figures
/// match exact evaluation (step 1/128 up to 24; below the first step the exact value is used).
/// </summary>
internal static class PhiTable
{
    private const float Scale = 128f;
    private const float Max = 24f;
    private static readonly float[] Table = Build();

    /// <summary>Inputs are clamped to [1e-6, 24]: phi(24) ~ 7.6e-11 is zero for any decision, phi(1e-6) ~ 14.5.</summary>
    public static float Phi(float x)
    {
        if (x >= Max)
        {
            return Exact(Max);
        }

        float position = x * Scale;
        int i = (int)position;
        if (i == 0)
        {
            return Exact(MathF.Max(x, 1e-6f));
        }

        float fraction = position - i;
        return Table[i] + (Table[i + 1] - Table[i]) * fraction;
    }

    private static float Exact(float x) => -MathF.Log(MathF.Tanh(x / 2));

    private static float[] Build()
    {
        int count = (int)(Max * Scale) + 2;
        var table = new float[count];
        for (int i = 1; i < count; i++)
        {
            table[i] = (float)-Math.Log(Math.Tanh(i / (double)Scale / 2));
        }

        return table;
    }
}

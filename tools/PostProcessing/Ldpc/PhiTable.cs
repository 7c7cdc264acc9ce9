namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// phi(x) = -ln(tanh(x / 2)) for x > 0, the function of the log-domain sum-product check update
/// (Gallager 1963): a check's outgoing magnitude to edge e is phi(sum of phi(|incoming|) over the other edges).
/// phi is its own inverse. Tabulated with linear interpolation: step 1/128 on [1/128, 24], step 1/8192 below
/// (phi is steep there); x &lt; 1/8192 is read as 1/8192, so outputs are capped at phi(1/8192) = 9.7, an LLR whose
/// error probability is 6e-5; x > 24 gives 0 (phi(24) = 7.6e-11).
/// </summary>
internal static class PhiTable
{
    private const float CoarseScale = 128f;
    private const float FineScale = 8192f;
    private const float Max = 24f;
    private static readonly float[] Coarse = Build(CoarseScale, (int)(Max * CoarseScale) + 2);
    private static readonly float[] Fine = Build(FineScale, (int)(FineScale / CoarseScale) + 2);

    public static float Phi(float x)
    {
        if (x < 1f / CoarseScale)
        {
            float f = MathF.Max(x, 1f / FineScale) * FineScale;
            int j = (int)f;
            return Fine[j] + (Fine[j + 1] - Fine[j]) * (f - j);
        }

        float position = MathF.Min(x, Max) * CoarseScale;
        int i = (int)position;
        return Coarse[i] + (Coarse[i + 1] - Coarse[i]) * (position - i);
    }

    private static float[] Build(float scale, int count)
    {
        var table = new float[count];
        table[0] = float.MaxValue / 4; // never read: inputs are at least one step
        for (int i = 1; i < count; i++)
        {
            double x = i / (double)scale;
            table[i] = x >= Max ? 0f : (float)-Math.Log(Math.Tanh(x / 2));
        }

        return table;
    }
}

namespace GroundStation.Host.Sifting;

/// <summary>
/// How many bits of each closed block the station asks the firmware to disclose for parameter estimation: one policy
/// for every path (record, sim, postprocess, benches). <see cref="Default"/> is 1/8 of the block: ~250 bits of a
/// 2048-bit device block, enough that a 2-3 % QBER practically never crosses the 11 % alarm threshold by chance (50
/// bits at 2.4 % do about 0.3 % of the time); the firmware's per-block intrusion alarm needs a sample of its own. The
/// finite-key bound needs none: it compares every test-basis (X) bit (TestBasisBits).
/// </summary>
/// <param name="Divisor">Sample = ceil(block bits / Divisor); 0 = no sample (release the block unestimated).</param>
/// <param name="FixedBits">A fixed sample size instead (the firmware clamps it to the block).</param>
/// <param name="Manual">Never ask: the caller sends its own SiftEstimateRequest (tests of back-pressure).</param>
public sealed record EstimationPolicy(int Divisor, int? FixedBits = null, bool Manual = false)
{
    public static EstimationPolicy Default { get; } = new(8);

    /// <summary>No sample (0 = "release unestimated"): the post-pass recording's self-answered blocks.</summary>
    public static EstimationPolicy None { get; } = new(0);

    public static EstimationPolicy Fixed(int bits) => new(0, bits);

    /// <summary>The sample to ask for, or null for none at all (<see cref="Manual"/>).</summary>
    public int? SampleBits(int blockBits) =>
        Manual ? null : FixedBits ?? (Divisor <= 0 ? 0 : (blockBits + Divisor - 1) / Divisor);
}

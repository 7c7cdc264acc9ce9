using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// Bob's side of one-way LDPC reconciliation: decodes his frame against Alice's syndrome with belief propagation at
/// the planned QBER; shortened bits enter as certain zeros. Keeps one decoder (its buffers) per code, so one
/// receiver serves one thread.
/// </summary>
public sealed class LdpcReceiver
{
    /// <summary>|LLR| of a shortened bit: certain, yet far from float overflow after many iterations.</summary>
    private const float CertainLlr = 1000f;

    private readonly Dictionary<LdpcCode, BeliefPropagationDecoder> _decoders = new();
    private readonly int _maxIterations;
    private readonly bool _sumProduct;

    public LdpcReceiver(int maxIterations = BeliefPropagationDecoder.DefaultMaxIterations, bool sumProduct = true)
    {
        _maxIterations = maxIterations;
        _sumProduct = sumProduct;
    }

    /// <summary>Edge updates of all this receiver's decoders so far (work done, independent of the machine's load).</summary>
    public long EdgeUpdates => _decoders.Values.Sum(d => d.EdgeUpdates);

    /// <summary>Frames decoded (syndrome met) so far.</summary>
    public long DecodedFrames { get; private set; }

    /// <summary>Frames failed so far: discarded, their bits lost, their syndrome bits still disclosed.</summary>
    public long FailedFrames { get; private set; }

    public LdpcFrameResult Decode(BitString bobKey, LdpcSyndrome alice)
    {
        ArgumentNullException.ThrowIfNull(bobKey);
        ArgumentNullException.ThrowIfNull(alice);
        var plan = alice.Plan;
        if (plan.Checks < 3 || plan.Checks >= plan.FrameBits || plan.ShortenedBits < 0 || plan.ShortenedBits >= plan.FrameBits
            || plan.QberPpm <= 0 || plan.QberPpm >= 500_000 || alice.Syndrome.Length < BitString.WordCount(plan.Checks))
        {
            throw new ArgumentException($"Frame {alice.FrameId}: the syndrome message describes no valid frame.");
        }

        if (bobKey.Length != plan.KeyBits)
        {
            throw new ArgumentException($"Frame {alice.FrameId}: the plan carries {plan.KeyBits} key bits, Bob's frame has {bobKey.Length}.");
        }

        var code = LdpcCodeFamily.Get(plan.FrameBits, plan.Checks, alice.CodeSeed);
        if (!_decoders.TryGetValue(code, out var decoder))
        {
            decoder = _decoders[code] = new BeliefPropagationDecoder(code, _maxIterations, _sumProduct);
        }

        var positions = LdpcCodeFamily.KeyPositions(plan, alice.CodeSeed);
        var llr = new float[plan.FrameBits];
        Array.Fill(llr, CertainLlr);
        float magnitude = BeliefPropagationDecoder.ChannelLlr(0, plan.Qber);
        var bob = bobKey.Words;
        for (int i = 0; i < positions.Length; i++)
        {
            llr[positions[i]] = ((bob[i >> 6] >> i) & 1) == 0 ? magnitude : -magnitude;
        }

        var decided = BeliefPropagationDecoder.DecisionBuffer(code);
        int iterations = decoder.Decode(llr, alice.Syndrome, decided);
        if (iterations < 0)
        {
            FailedFrames++;
            return new LdpcFrameResult(alice.FrameId, null, _maxIterations, plan.Checks, plan);
        }

        DecodedFrames++;
        var key = new BitString(plan.KeyBits);
        for (int i = 0; i < positions.Length; i++)
        {
            int v = positions[i];
            key[i] = (int)(decided[v >> 6] >> v) & 1;
        }

        return new LdpcFrameResult(alice.FrameId, key, iterations, plan.Checks, plan);
    }
}

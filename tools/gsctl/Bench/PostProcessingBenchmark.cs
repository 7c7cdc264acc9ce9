using System.Diagnostics;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Cascade;
using GroundStation.PostProcessing.Ldpc;
using GroundStation.PostProcessing.PrivacyAmplification;
using GroundStation.Simulator.Channel;
using GroundStation.Simulator.Randomness;

namespace GroundStation.Gsctl.Bench;

/// <summary>
/// `gsctl bench postprocess`: error correction of binary-symmetric-channel frames at QBER 1, 2, 3 and 5 % with
/// Cascade (both sides in this thread, messages passed in memory) and LDPC (Alice's syndrome plus Bob's decoding),
/// reporting mean efficiency f at the channel QBER, LDPC frame failure rate and throughput (sifted Mbit per second
/// of one core, both sides' computation included, channel generation excluded); then Toeplitz privacy amplification
/// of 1 M and 10 M bits to half their length.
/// </summary>
internal sealed class PostProcessingBenchmark : IBenchmark
{
    private static readonly double[] Qbers = [0.01, 0.02, 0.03, 0.05];

    public string Name => "postprocess";

    public string Description =>
        "Cascade and LDPC error correction on a binary symmetric channel at QBER 1, 2, 3, 5 %: mean efficiency f, " +
        "LDPC frame failure rate, Mbit/s per core; Toeplitz privacy amplification Mbit/s at 1 M and 10 M bits.";

    public BenchReport Run(BenchOptions options)
    {
        var report = new BenchReport(Name);
        int cascadeFrames = options.Quick ? 2 : 8;
        int ldpcFrames = options.Quick ? 4 : 100;
        foreach (double qber in Qbers)
        {
            string tag = $"Qber{qber * 100:0}";
            options.Progress?.Invoke($"Cascade, QBER {qber:P0}, {cascadeFrames} frames of {CascadeParameters.DefaultFrameBits} bits");
            var cascade = RunCascade(qber, cascadeFrames, options.Seed);
            report.Add("cascadeEfficiency" + tag, cascade.MeanEfficiency)
                .Add("cascadeFailedFrames" + tag, cascade.Failed)
                .Add("cascadeRoundTrips" + tag, cascade.MeanSteps)
                .Add("cascadeMbitPerSecond" + tag, cascade.MbitPerSecond, "Mbit/s");

            options.Progress?.Invoke($"LDPC, QBER {qber:P0}, {ldpcFrames} frames of {LdpcFramePlan.DefaultFrameBits} bits");
            var ldpc = RunLdpc(qber, ldpcFrames, options.Seed);
            report.Add("ldpcEfficiency" + tag, ldpc.MeanEfficiency)
                .Add("ldpcFrameFailureRate" + tag, ldpc.FailureRate)
                .Add("ldpcMeanIterations" + tag, ldpc.MeanSteps)
                .Add("ldpcMbitPerSecond" + tag, ldpc.MbitPerSecond, "Mbit/s");
        }

        foreach (int bits in options.Quick ? new[] { 1_000_000 } : new[] { 1_000_000, 10_000_000 })
        {
            options.Progress?.Invoke($"Toeplitz privacy amplification, {bits} -> {bits / 2} bits");
            var key = BitString.FromWords(BinarySymmetricChannel.RandomWords(bits, new Xoshiro256((ulong)options.Seed, 9)), bits);
            var seed = ToeplitzHash.CreateSeed(bits, bits / 2);
            var watch = Stopwatch.StartNew();
            ToeplitzHash.Apply(key, seed);
            report.Add($"paMbitPerSecond{bits / 1_000_000}M", bits / watch.Elapsed.TotalSeconds / 1e6, "Mbit/s");
        }

        return report.Add("processorCount", Environment.ProcessorCount);
    }

    private sealed record Figures(double MeanEfficiency, long Failed, double FailureRate, double MeanSteps, double MbitPerSecond);

    private static (BitString Alice, BitString Bob) Pair(int bits, double qber, Xoshiro256 rng)
    {
        var alice = BinarySymmetricChannel.RandomWords(bits, rng);
        var bob = (ulong[])alice.Clone();
        BinarySymmetricChannel.Flip(bob, bits, qber, rng);
        return (BitString.FromWords(alice, bits), BitString.FromWords(bob, bits));
    }

    private static Figures RunCascade(double qber, int frames, int seed)
    {
        const int n = CascadeParameters.DefaultFrameBits;
        var rng = new Xoshiro256((ulong)seed, 1);
        var watch = new Stopwatch();
        double sumF = 0, steps = 0;
        long failed = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            var (alice, bob) = Pair(n, qber, rng);
            watch.Start();
            var setup = CascadeParameters.Setup(frame, n, qber, seed: rng.NextUInt64());
            var responder = new CascadeResponder(alice, setup);
            var session = new CascadeSession(bob, setup);
            while (session.NextRequest() is { } request)
            {
                session.Accept(responder.Answer(request));
            }

            watch.Stop();
            var result = session.Result;
            failed += result.CorrectedKey.Equals(alice) ? 0 : 1;
            sumF += result.Efficiency(qber);
            steps += result.Steps;
        }

        return new Figures(sumF / frames, failed, (double)failed / frames, steps / frames,
            (double)n * frames / watch.Elapsed.TotalSeconds / 1e6);
    }

    private static Figures RunLdpc(double qber, int frames, int seed)
    {
        var plan = LdpcFramePlan.For(qber);
        ulong codeSeed = (ulong)seed * 7919;
        LdpcCodeFamily.Get(plan.FrameBits, plan.Checks, codeSeed); // built once per pass, not per frame
        var receiver = new LdpcReceiver();
        var rng = new Xoshiro256((ulong)seed, 2);
        var watch = new Stopwatch();
        long failed = 0, iterations = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            var (alice, bob) = Pair(plan.KeyBits, qber, rng);
            watch.Start();
            var result = receiver.Decode(bob, LdpcSender.Encode(frame, alice, plan, codeSeed));
            watch.Stop();
            // A wrong decoding that meets the syndrome would be caught by verification; count it failed too.
            bool ok = !result.Failed && result.CorrectedKey!.Equals(alice);
            failed += ok ? 0 : 1;
            iterations += ok ? result.Iterations : 0;
        }

        return new Figures(plan.Efficiency(qber), failed, (double)failed / frames,
            frames > failed ? (double)iterations / (frames - failed) : 0,
            (double)plan.KeyBits * frames / watch.Elapsed.TotalSeconds / 1e6);
    }
}

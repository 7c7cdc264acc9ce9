using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Cascade;
using GroundStation.PostProcessing.Ldpc;
using GroundStation.PostProcessing.PrivacyAmplification;
using GroundStation.Simulator.Channel;
using GroundStation.Simulator.Randomness;

namespace GroundStation.Testbed.Bench;

/// <summary>
/// `gsctl bench postprocess`: error correction of binary-symmetric-channel frames at QBER 1, 2, 3 and 5 % with
/// Cascade (both sides in this thread, messages passed in memory) and LDPC (Alice's syndrome plus Bob's decoding),
/// reporting mean efficiency f at the channel QBER, LDPC frame failure rate and throughput in sifted Mbit per
/// second of one core; then Toeplitz privacy amplification of 1 M and 10 M bits to half their length.
/// Throughput is sifted bits per CPU second of this process (<see cref="Environment.CpuUsage"/>; includes GC and
/// JIT threads, so it is conservative), which other work on a shared machine does not dilute; the wall-clock figure
/// is reported beside it. Cascade's station-side figure replays Alice's recorded replies to Bob alone; the
/// both-sides figure runs Alice and Bob in one thread. Channel generation is never timed.
/// </summary>
public sealed class PostProcessingBenchmark : IBenchmark
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
        int ldpcFrames = options.Quick ? 2 : 50;
        foreach (double qber in Qbers)
        {
            string tag = $"Qber{qber * 100:0}";
            options.Progress?.Invoke($"Cascade, QBER {qber:P0}, {cascadeFrames} frames of {CascadeParameters.DefaultFrameBits} bits");
            var cascade = RunCascade(qber, cascadeFrames, options.Seed);
            report.Add("cascadeEfficiency" + tag, cascade.MeanEfficiency)
                .Add("cascadeFailedFrames" + tag, cascade.Failed)
                .Add("cascadeRoundTrips" + tag, cascade.MeanSteps)
                .Add("cascadeMbitPerSecond" + tag, cascade.MbitPerCpuSecond, "Mbit/s per core, station side")
                .Add("cascadeBothSidesMbitPerSecond" + tag, cascade.BothSidesMbitPerCpuSecond, "Mbit/s per core, both sides")
                .Add("cascadeBothSidesWallMbitPerSecond" + tag, cascade.BothSidesWallMbitPerSecond, "Mbit/s wall clock");

            options.Progress?.Invoke($"LDPC, QBER {qber:P0}, {ldpcFrames} frames of {LdpcFramePlan.DefaultFrameBits} bits (less the shortened ones)");
            var ldpc = RunLdpc(qber, ldpcFrames, options.Seed);
            report.Add("ldpcEfficiency" + tag, ldpc.MeanEfficiency)
                .Add("ldpcFrameFailureRate" + tag, ldpc.FailureRate)
                .Add("ldpcMeanIterations" + tag, ldpc.MeanSteps)
                .Add("ldpcMbitPerSecond" + tag, ldpc.MbitPerCpuSecond, "Mbit/s per core, both sides")
                .Add("ldpcEdgeUpdatesPerBit" + tag, ldpc.WorkPerBit, "decoder edge updates per key bit")
                .Add("ldpcNanosecondsPerEdgeUpdate" + tag, ldpc.NanosecondsPerWork, "ns CPU")
                .Add("ldpcWallMbitPerSecond" + tag, ldpc.BothSidesWallMbitPerSecond, "Mbit/s wall clock");
        }

        foreach (int bits in options.Quick ? new[] { 1_000_000 } : new[] { 1_000_000, 10_000_000 })
        {
            options.Progress?.Invoke($"Toeplitz privacy amplification, {bits} -> {bits / 2} bits");
            var key = BitString.FromWords(BinarySymmetricChannel.RandomWords(bits, new Xoshiro256((ulong)options.Seed, 9)), bits);
            var seed = ToeplitzHash.CreateSeed(bits, bits / 2);
            var clock = BenchClock.Start();
            ToeplitzHash.Apply(key, seed);
            report.Add($"paMbitPerSecond{bits / 1_000_000}M", bits / clock.CpuSeconds / 1e6, "Mbit/s per core")
                .Add($"paWallSeconds{bits / 1_000_000}M", clock.WallSeconds, "s");
        }

        return report.Add("processorCount", Environment.ProcessorCount)
            .Add("loadAverage1Minute", BenchClock.LoadAverage());
    }

    private sealed record Figures(double MeanEfficiency, long Failed, double FailureRate, double MeanSteps,
        double MbitPerCpuSecond, double BothSidesMbitPerCpuSecond, double BothSidesWallMbitPerSecond,
        double WorkPerBit = 0, double NanosecondsPerWork = 0);

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
        double sumF = 0, steps = 0, bothCpu = 0, bothWall = 0, bobCpu = 0;
        long failed = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            var (alice, bob) = Pair(n, qber, rng);
            var setup = CascadeParameters.Setup(frame, n, qber, seed: rng.NextUInt64());
            var replies = new List<ParityReply>();
            var clock = BenchClock.Start();
            var responder = new CascadeResponder(alice, setup);
            var session = new CascadeSession(bob, setup);
            while (session.NextRequest() is { } request)
            {
                var reply = responder.Answer(request);
                replies.Add(reply);
                session.Accept(reply);
            }

            bothCpu += clock.CpuSeconds;
            bothWall += clock.WallSeconds;
            var result = session.Result;
            failed += result.CorrectedKey.Equals(alice) ? 0 : 1;
            sumF += result.Efficiency(qber);
            steps += result.Steps;

            // The station's share: Bob alone, fed Alice's recorded replies (the protocol is deterministic).
            clock = BenchClock.Start();
            var replay = new CascadeSession(bob, setup);
            int next = 0;
            while (replay.NextRequest() is not null)
            {
                replay.Accept(replies[next++]);
            }

            bobCpu += clock.CpuSeconds;
        }

        double bits = (double)n * frames;
        return new Figures(sumF / frames, failed, (double)failed / frames, steps / frames,
            bits / bobCpu / 1e6, bits / bothCpu / 1e6, bits / bothWall / 1e6);
    }

    private static Figures RunLdpc(double qber, int frames, int seed)
    {
        var plan = LdpcFramePlan.For(qber);
        ulong codeSeed = (ulong)seed * 7919;
        LdpcCodeFamily.Get(plan.FrameBits, plan.Checks, codeSeed); // built once per pass, not per frame
        var receiver = new LdpcReceiver();
        var rng = new Xoshiro256((ulong)seed, 2);
        double cpu = 0, wall = 0;
        long failed = 0, iterations = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            var (alice, bob) = Pair(plan.KeyBits, qber, rng);
            var clock = BenchClock.Start();
            var result = receiver.Decode(bob, LdpcSender.Encode(frame, alice, plan, codeSeed));
            cpu += clock.CpuSeconds;
            wall += clock.WallSeconds;
            // A wrong decoding that meets the syndrome would be caught by verification; count it failed too.
            bool ok = !result.Failed && result.CorrectedKey!.Equals(alice);
            failed += ok ? 0 : 1;
            iterations += ok ? result.Iterations : 0;
        }

        double bits = (double)plan.KeyBits * frames;
        return new Figures(plan.Efficiency(qber), failed, (double)failed / frames,
            frames > failed ? (double)iterations / (frames - failed) : 0, bits / cpu / 1e6, bits / cpu / 1e6, bits / wall / 1e6,
            receiver.EdgeUpdates / bits, cpu * 1e9 / receiver.EdgeUpdates);
    }
}

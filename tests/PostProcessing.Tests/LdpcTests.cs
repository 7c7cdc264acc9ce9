using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Ldpc;

namespace GroundStation.Tests.PostProcessing;

public class LdpcTests
{
    [Fact]
    public void Both_sides_build_the_same_code_from_the_seed_and_another_seed_gives_another()
    {
        var a = LdpcCodeBuilder.Build(4096, 700, 5);
        var b = LdpcCodeBuilder.Build(4096, 700, 5);
        var c = LdpcCodeBuilder.Build(4096, 700, 6);
        Assert.Equal(a.Columns, b.Columns);
        Assert.Equal(a.RowStart, b.RowStart);
        Assert.NotEqual(a.Columns, c.Columns);
    }

    [Fact]
    public void The_code_has_the_staircase_concentrated_checks_and_no_repeated_edges()
    {
        const int n = 8192, m = 1400;
        var code = LdpcCodeBuilder.Build(n, m, 11);
        var columnDegree = new int[n];
        var degrees = new List<int>();
        for (int c = 0; c < m; c++)
        {
            var row = code.Columns[code.RowStart[c]..code.RowStart[c + 1]];
            Assert.Equal(row.Length, row.Distinct().Count());
            degrees.Add(row.Length);
            foreach (int v in row)
            {
                columnDegree[v]++;
            }
        }

        Assert.All(columnDegree[(n - m)..], d => Assert.Equal(2, d));
        Assert.All(columnDegree[..(n - m)], d => Assert.True(d == 3 || d == LdpcDegreeProfile.Default.HighDegree));
        Assert.InRange(degrees.Max() - degrees.Min(), 0, 2);
    }

    [Fact]
    public void The_syndrome_is_h_times_x_computed_row_by_row()
    {
        var code = LdpcCodeBuilder.Build(1024, 200, 3);
        var (x, _, _) = Workload.Pair(1024, 0, 4);
        var s = code.Syndrome(x.Words);
        for (int c = 0; c < code.Checks; c++)
        {
            int parity = 0;
            for (int e = code.RowStart[c]; e < code.RowStart[c + 1]; e++)
            {
                parity ^= x[code.Columns[e]];
            }

            Assert.Equal(parity, (int)(s[c >> 6] >> c) & 1);
        }
    }

    [Fact]
    public void Frames_at_qber_2_percent_decode_within_f_1_2()
    {
        var plan = LdpcFramePlan.For(0.02);
        var receiver = new LdpcReceiver();
        int failed = 0;
        for (int frame = 0; frame < 3; frame++)
        {
            var (alice, bob, _) = Workload.Pair(plan.KeyBits, 0.02, 500 + (ulong)frame);
            var syndrome = LdpcSender.Encode(frame, alice, plan, codeSeed: 12345);
            var result = receiver.Decode(bob, syndrome);
            Assert.Equal(plan.Checks, result.DisclosedBits);
            if (result.Failed)
            {
                failed++;
                continue;
            }

            Assert.Equal(alice, result.CorrectedKey);
        }

        // The failure rate itself (target <= 1 %) is measured by `gsctl bench postprocess`; three frames of
        // 2^18 bits (deterministic seeds) show that the plan decodes at its efficiency.
        Assert.Equal(0, failed);
        Assert.InRange(plan.Efficiency(0.02), 1.0, 1.2);
    }

    [Fact]
    public void A_frame_shaped_like_a_key_stream_decodes_at_its_plan()
    {
        // A key stream (protocol/PEER.md 8.2) is blocks of ~14,000 Z bits, each signal first (here 1.5 % errors),
        // then ~900 decoy bits (4 %), then ~60 vacuum bits (50 %): 1.9 % in all, planned for 2.1 %. Without the
        // interleaving of key bits over the codeword such a frame of the default simulated pass did not decode.
        var plan = LdpcFramePlan.For(0.021);
        var random = new Random(78);
        var alice = new BitString(plan.KeyBits);
        var bob = new BitString(plan.KeyBits);
        for (int i = 0; i < plan.KeyBits; i++)
        {
            int inBlock = i % 14_000;
            double p = inBlock < 13_040 ? 0.015 : inBlock < 13_940 ? 0.04 : 0.5;
            alice[i] = random.Next(2);
            bob[i] = alice[i] ^ (random.NextDouble() < p ? 1 : 0);
        }

        var result = new LdpcReceiver().Decode(bob, LdpcSender.Encode(0, alice, plan, codeSeed: 4242));

        Assert.False(result.Failed);
        Assert.Equal(alice, result.CorrectedKey);
    }

    [Fact]
    public void A_frame_that_does_not_converge_is_failed_and_carries_no_key()
    {
        var plan = LdpcFramePlan.For(0.02, 8192);
        var (alice, bob, _) = Workload.Pair(plan.KeyBits, 0.08, 9);
        var receiver = new LdpcReceiver(maxIterations: 20);
        var result = receiver.Decode(bob, LdpcSender.Encode(1, alice, plan, 1));
        Assert.True(result.Failed);
        Assert.Null(result.CorrectedKey);
        Assert.Equal(plan.Checks, result.DisclosedBits);
        Assert.Equal((1, 0), (receiver.FailedFrames, receiver.DecodedFrames));
    }

    [Fact]
    public void The_plan_shortens_the_mother_code_to_the_design_efficiency()
    {
        foreach (double qber in new[] { 0.01, 0.02, 0.03, 0.05 })
        {
            var plan = LdpcFramePlan.For(qber);
            Assert.Equal(0, plan.Checks % (plan.FrameBits / LdpcFramePlan.FamilySteps));
            Assert.InRange(plan.ShortenedBits, 0, plan.FrameBits / 10);
            Assert.Equal(LdpcFramePlan.DesignEfficiency(qber), plan.Efficiency(qber), 2);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => LdpcFramePlan.For(0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LdpcFramePlan.For(0.02, 1000));
    }

    [Fact]
    public void Mismatched_frames_and_malformed_syndromes_are_refused()
    {
        var plan = LdpcFramePlan.For(0.02, 4096);
        var key = new BitString(plan.KeyBits);
        Assert.Throws<ArgumentException>(() => LdpcSender.Encode(1, new BitString(plan.KeyBits + 1), plan, 1));
        var message = LdpcSender.Encode(1, key, plan, 1);
        Assert.Throws<ArgumentException>(() => new LdpcReceiver().Decode(new BitString(5), message));
        Assert.Throws<ArgumentException>(() => new LdpcReceiver().Decode(key, message with { Syndrome = [] }));
        Assert.Throws<ArgumentException>(() => new LdpcReceiver().Decode(key, message with { Checks = 4096 }));
    }

    [Fact]
    public void The_phi_table_follows_minus_ln_tanh_half_x()
    {
        for (double x = 0.001; x < 30; x *= 1.07)
        {
            double exact = -Math.Log(Math.Tanh(x / 2));
            Assert.InRange(PhiTable.Phi((float)x), exact * 0.995 - 1e-6, exact * 1.005 + 1e-6);
        }

        Assert.Equal(-Math.Log(Math.Tanh(0.5 / 8192)), PhiTable.Phi(1e-9f), 3); // capped at phi(2^-13)
        Assert.InRange(PhiTable.Phi(100f), 0f, 1e-13f);
    }
}

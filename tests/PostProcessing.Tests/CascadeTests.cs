using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Cascade;

namespace GroundStation.Tests.PostProcessing;

public class CascadeTests
{
    private static (CascadeResult Bob, CascadeResponder Alice) Run(BitString alice, BitString bob, CascadeSetup setup)
    {
        var responder = new CascadeResponder(alice, setup);
        var session = new CascadeSession(bob, setup);
        while (session.NextRequest() is { } request)
        {
            session.Accept(responder.Answer(request));
        }

        return (session.Result, responder);
    }

    [Fact]
    public void Frames_at_qber_2_percent_are_corrected_within_f_1_08()
    {
        const int n = CascadeParameters.DefaultFrameBits;
        double sumF = 0;
        for (int frame = 0; frame < 3; frame++)
        {
            var (alice, bob, errors) = Workload.Pair(n, 0.02, (ulong)frame + 100);
            var setup = CascadeParameters.Setup(frame, n, 0.02, seed: 9000 + (ulong)frame);
            var (result, responder) = Run(alice, bob, setup);
            Assert.Equal(alice, result.CorrectedKey);
            Assert.Equal(errors, result.CorrectedBits);
            Assert.Equal(responder.DisclosedBits, result.DisclosedBits);
            sumF += result.Efficiency(0.02);
        }

        Assert.InRange(sumF / 3, 1.0, 1.08);
    }

    [Fact]
    public void Frames_in_flight_together_give_the_same_results_as_one_at_a_time()
    {
        // Bob keeps one session per frame and sends the requests of all open frames together; Alice answers each
        // with that frame's responder. Nothing is shared between frames, so the results equal sequential runs.
        const int n = 1 << 14;
        var frames = Enumerable.Range(0, 4).Select(f =>
        {
            var (alice, bob, _) = Workload.Pair(n, 0.03, (ulong)f + 40);
            var setup = CascadeParameters.Setup(f, n, 0.03, seed: 600 + (ulong)f);
            return (alice, bob, setup, session: new CascadeSession(bob, setup), responder: new CascadeResponder(alice, setup));
        }).ToList();

        var open = frames.ToList();
        while (open.Count > 0)
        {
            var batch = open.Select(f => (f, request: f.session.NextRequest())).ToList();
            open = batch.Where(b => b.request is not null).Select(b => b.f).ToList();
            foreach (var (f, request) in batch.Where(b => b.request is not null))
            {
                f.session.Accept(f.responder.Answer(request!));
            }
        }

        foreach (var f in frames)
        {
            var (sequential, _) = Run(f.alice, f.bob, f.setup);
            Assert.Equal(f.alice, f.session.Result.CorrectedKey);
            Assert.Equal(sequential.DisclosedBits, f.session.Result.DisclosedBits);
            Assert.Equal(sequential.Steps, f.session.Result.Steps);
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    public void Other_qbers_are_corrected(double qber)
    {
        var (alice, bob, _) = Workload.Pair(1 << 15, qber, 5);
        var (result, _) = Run(alice, bob, CascadeParameters.Setup(1, 1 << 15, qber, seed: 77));
        Assert.Equal(alice, result.CorrectedKey);
        Assert.InRange(result.FrameEfficiency, 1.0, 1.3);
    }

    [Fact]
    public void Identical_keys_cost_only_the_block_and_confirmation_parities()
    {
        var (alice, _, _) = Workload.Pair(4096, 0.0, 1);
        var setup = CascadeParameters.Setup(1, 4096, 0.02, seed: 3);
        var (result, _) = Run(alice, alice.Clone(), setup);
        long blocks = setup.BlockSizes.Sum(k => (4096 + k - 1) / k);
        Assert.Equal(blocks + setup.ConfirmationRounds, result.DisclosedBits);
        Assert.Equal(0, result.CorrectedBits);
    }

    [Fact]
    public void Alice_refuses_requests_out_of_order_out_of_range_or_for_another_frame()
    {
        var (alice, _, _) = Workload.Pair(1024, 0.0, 1);
        var setup = CascadeParameters.Setup(7, 1024, 0.02, seed: 3);
        var responder = new CascadeResponder(alice, setup);
        Assert.Contains("step 1 arrived", Assert.Throws<ArgumentException>(() =>
            responder.Answer(new ParityRequest(7, 1, [0], [0], [8]))).Message);
        Assert.Contains("outside the frame", Assert.Throws<ArgumentException>(() =>
            responder.Answer(new ParityRequest(7, 0, [0], [1020], [8]))).Message);
        Assert.Contains("outside the frame", Assert.Throws<ArgumentException>(() =>
            responder.Answer(new ParityRequest(7, 0, [setup.LayoutCount], [0], [8]))).Message);
        Assert.Contains("frame 8", Assert.Throws<ArgumentException>(() =>
            responder.Answer(new ParityRequest(8, 0, [0], [0], [8]))).Message);
        Assert.Equal(0, responder.DisclosedBits);
    }

    [Fact]
    public void Bob_refuses_a_reply_he_did_not_ask_for_and_a_second_request_before_the_reply()
    {
        var (_, bob, _) = Workload.Pair(1024, 0.02, 1);
        var session = new CascadeSession(bob, CascadeParameters.Setup(7, 1024, 0.02, seed: 3));
        Assert.Throws<ArgumentException>(() => session.Accept(new ParityReply(7, 0, [0UL], 1)));
        Assert.NotNull(session.NextRequest());
        Assert.Throws<InvalidOperationException>(() => session.NextRequest());
        Assert.Throws<ArgumentException>(() => session.Accept(new ParityReply(7, 1, [0UL], 1)));
    }

    [Fact]
    public void Setups_that_describe_no_frame_are_refused()
    {
        var key = new BitString(100);
        Assert.Throws<ArgumentException>(() => new CascadeSession(key, new CascadeSetup(1, 100, 1, [], 0)));
        Assert.Throws<ArgumentException>(() => new CascadeSession(key, new CascadeSetup(1, 100, 1, [200], 0)));
        Assert.Throws<ArgumentException>(() => new CascadeSession(key, new CascadeSetup(1, 99, 1, [10], 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CascadeParameters.BlockSizes(0, 1000));
    }

    [Fact]
    public void Block_sizes_follow_k1_then_doubling_capped_at_half_the_frame()
    {
        Assert.Equal(new[] { 125, 250, 500, 1000 }, CascadeParameters.BlockSizes(0.02, 1 << 18));
        Assert.Equal(new[] { 125, 250, 500, 512 }, CascadeParameters.BlockSizes(0.02, 1024));
    }
}

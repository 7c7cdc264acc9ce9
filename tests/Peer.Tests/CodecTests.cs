using GroundStation.Peer.Messages;
using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Cascade;
using GroundStation.PostProcessing.FiniteKey;
using GroundStation.PostProcessing.Ldpc;
using GroundStation.PostProcessing.PrivacyAmplification;
using GroundStation.PostProcessing.Verification;
using GroundStation.Protocol;

namespace GroundStation.Tests.Peer;

/// <summary>Every message codec round-trips what tools/PostProcessing produces and refuses malformed payloads.</summary>
public class CodecTests
{
    private static (BitString Alice, BitString Bob) Keys(int bits, double qber, int seed)
    {
        var random = new Random(seed);
        var alice = new byte[bits];
        random.NextBytes(alice);
        for (var i = 0; i < bits; i++)
        {
            alice[i] &= 1;
        }

        var bob = alice.Select(b => (byte)(random.NextDouble() < qber ? b ^ 1 : b)).ToArray();
        return (BitString.FromBits(alice), BitString.FromBits(bob));
    }

    private static T Through<T>(T record, Func<T, PeerMessage> encode, Func<PeerMessage, T> decode)
    {
        var message = encode(record);
        return decode(new PeerMessage(message.Type, message.Payload.ToArray()));
    }

    [Fact]
    public void A_whole_Cascade_frame_corrected_with_every_message_through_the_codecs()
    {
        var (alice, bob) = Keys(8192, 0.02, 1);
        var setup = Through(CascadeParameters.Setup(7, 8192, 0.02, 99), CascadeSetupCodec.Encode, CascadeSetupCodec.Decode);
        var responder = new CascadeResponder(alice, setup);
        var session = new CascadeSession(bob, setup);
        while (session.NextRequest() is { } request)
        {
            var wireRequest = Through(request, ParityRequestCodec.Encode, ParityRequestCodec.Decode);
            session.Accept(Through(responder.Answer(wireRequest), ParityReplyCodec.Encode, ParityReplyCodec.Decode));
        }

        Assert.Equal(alice, session.Result.CorrectedKey);
        Assert.Equal(responder.DisclosedBits, session.DisclosedBits);
    }

    [Fact]
    public void An_LDPC_frame_decodes_the_same_from_the_wire_as_from_the_record()
    {
        var plan = LdpcFramePlan.For(0.01, 1 << 14);
        var (alice, bob) = Keys(plan.KeyBits, 0.01, 2);
        var syndrome = LdpcSender.Encode(3, alice, plan, 12345);
        var wire = Through(syndrome, LdpcSyndromeCodec.Encode, LdpcSyndromeCodec.Decode);
        Assert.Equal(syndrome.Plan, wire.Plan);
        Assert.Equal(syndrome.Syndrome, wire.Syndrome);
        Assert.Equal(syndrome.CodeSeed, wire.CodeSeed);
        var direct = new LdpcReceiver().Decode(bob, syndrome);
        var viaWire = new LdpcReceiver().Decode(bob, wire);
        Assert.Equal(direct.CorrectedKey, viaWire.CorrectedKey);
        Assert.Equal(direct.Iterations, viaWire.Iterations);
    }

    [Fact]
    public void Verification_verdict_seed_finite_key_and_pass_messages_round_trip()
    {
        var (alice, _) = Keys(5000, 0, 3);
        var tag = KeyVerification.CreateTag(4, alice);
        Assert.Equal(tag, Through(tag, VerificationTagCodec.Encode, VerificationTagCodec.Decode));
        Assert.Equal(new FrameVerdict(-1, false), Through(new FrameVerdict(-1, false), FrameVerdictCodec.Encode, FrameVerdictCodec.Decode));

        var seed = ToeplitzHash.CreateSeed(5000, 1234);
        var wireSeed = Through(seed, ToeplitzSeedCodec.Encode, ToeplitzSeedCodec.Decode);
        Assert.Equal(ToeplitzHash.Apply(alice, seed), ToeplitzHash.Apply(alice, wireSeed));

        var input = new FiniteKeyInput([0.8, 0.1, 0.0002], [0.5, 0.25, 0.25], [1_000_000, 200_000, 900], [20_000, 4_000, 450],
            [999_000, 199_000, 880], [21_000, 4_100, 440], 300_000, 127 * 4, QberAlarm: true, ReceiverZProbability: 0.7);
        var wireInput = Through(input, FiniteKeyInputCodec.Encode, FiniteKeyInputCodec.Decode);
        Assert.Equal(FiniteKeyInputCodec.PayloadBytes, FiniteKeyInputCodec.Encode(input).Payload.Length);
        var direct = FiniteKeyLength.Compute(input with { QberAlarm = false });
        var viaWire = FiniteKeyLength.Compute(wireInput with { QberAlarm = false });
        Assert.True(direct.SecretBits > 0);
        Assert.Equal((direct.SecretBits, direct.PhaseErrorRateZ), (viaWire.SecretBits, viaWire.PhaseErrorRateZ));
        Assert.Equal(input.DetectionsX, wireInput.DetectionsX);
        Assert.Equal(input.Intensities, wireInput.Intensities);
        Assert.True(wireInput.QberAlarm);
        Assert.Equal(0.7, wireInput.ReceiverZProbability);

        Assert.Equal(new SiftingComplete(12, 345_678), Through(new SiftingComplete(12, 345_678), SiftingCompleteCodec.Encode, SiftingCompleteCodec.Decode));
        Assert.Equal(new FrameCorrected(8, 12_345), Through(new FrameCorrected(8, 12_345), FrameCorrectedCodec.Encode, FrameCorrectedCodec.Decode));
        var test = Through(new TestBasisBits(3, [70, 0, 1], [[ulong.MaxValue, 0b101], [], [1]]), TestBasisBitsCodec.Encode, TestBasisBitsCodec.Decode);
        Assert.Equal(3L, test.Block);
        Assert.Equal(new[] { 70, 0, 1 }, test.Counts);
        Assert.Equal(new[] { ulong.MaxValue, 0b101UL }, test.Bits[0]);
        Assert.Empty(test.Bits[1]);
        Assert.Equal(new[] { 1UL }, test.Bits[2]);
        Assert.Equal(new KeyCommit("pass-0001/final", 99), Through(new KeyCommit("pass-0001/final", 99), KeyCommitCodec.Encode, KeyCommitCodec.Decode));
    }

    [Fact]
    public void Sifting_payloads_are_relayed_byte_for_byte_and_only_those_that_cross()
    {
        byte[] payload = [1, 2, 3, 4];
        var wrapped = SiftingRelayCodec.Wrap(MessageType.SiftMatch, payload);
        Assert.Equal(PeerMessageType.SiftMatch, wrapped.Type);
        Assert.Equal((byte)MessageType.SiftMatch, (byte)wrapped.Type);
        Assert.Equal((MessageType.SiftMatch, payload), SiftingRelayCodec.Unwrap(wrapped));
        Assert.Throws<ArgumentException>(() => SiftingRelayCodec.Wrap(MessageType.SiftedBlock, payload));
        Assert.Throws<ArgumentException>(() => SiftingRelayCodec.Wrap(MessageType.SiftEstimateRequest, payload));
        Assert.Throws<PeerFormatException>(() => SiftingRelayCodec.Unwrap(KeyCommitCodec.Encode(new KeyCommit("k", 1))));
    }

    [Fact]
    public void Malformed_payloads_are_refused_naming_the_message_and_field()
    {
        var verdict = FrameVerdictCodec.Encode(new FrameVerdict(1, true));
        Refused("FrameVerdict: 1 bytes follow the last field.", () => FrameVerdictCodec.Decode(verdict with { Payload = [.. verdict.Payload, 0] }));
        Refused("FrameVerdict: cut off in kept.", () => FrameVerdictCodec.Decode(verdict with { Payload = verdict.Payload[..8] }));
        Refused("FrameVerdict: kept is 2, not 0 or 1.", () => FrameVerdictCodec.Decode(verdict with { Payload = [.. verdict.Payload[..8], 2] }));
        Refused("FrameVerdict: got a KeyCommit message.", () => FrameVerdictCodec.Decode(KeyCommitCodec.Encode(new KeyCommit("k", 1))));

        var reply = ParityReplyCodec.Encode(new ParityReply(1, 0, [0b101], 3));
        Refused("ParityReply: parities has non-zero padding bits.", () => ParityReplyCodec.Decode(reply with { Payload = [.. reply.Payload[..^1], 0xFD] }));

        var seed = ToeplitzSeedCodec.Encode(ToeplitzHash.CreateSeed(100, 10));
        var badSeed = seed.Payload.ToArray();
        badSeed[8] = 200; // seed bits no longer n + m - 1
        Refused("ToeplitzSeed: a Toeplitz seed for 100 -> 10 bits has 109 bits, not 200.", () => ToeplitzSeedCodec.Decode(seed with { Payload = badSeed }));

        var tag = VerificationTagCodec.Encode(new VerificationTag(1, ulong.MaxValue >> 1, ulong.MaxValue, 0, 1));
        Refused("VerificationTag: hash key and tag are below 2^127 - 1.", () => VerificationTagCodec.Decode(tag));

        var setup = CascadeSetupCodec.Encode(new CascadeSetup(1, 1024, 5, [64], 1));
        var badSetup = setup.Payload.ToArray();
        BitConverter.TryWriteBytes(badSetup.AsSpan(8), 1); // frame bits 1
        Assert.StartsWith("CascadeSetup: A Cascade frame has 2 to", Assert.Throws<PeerFormatException>(() => CascadeSetupCodec.Decode(setup with { Payload = badSetup })).Message);

        var input = FiniteKeyInputCodec.Encode(new FiniteKeyInput([0.8, 0.1, 0], [0.5, 0.25, 0.25], [10, 10, 10], [1, 1, 1], [10, 10, 10], [1, 1, 1], 5, 127));
        var badInput = input.Payload.ToArray();
        BitConverter.TryWriteBytes(badInput.AsSpan(48), 2L * 0 - 5); // n_Z,1 = -5
        Assert.Contains("counts are non-negative", Assert.Throws<PeerFormatException>(() => FiniteKeyInputCodec.Decode(input with { Payload = badInput })).Message);
    }

    private static void Refused(string message, Action decode) => Assert.Equal(message, Assert.Throws<PeerFormatException>(decode).Message);
}

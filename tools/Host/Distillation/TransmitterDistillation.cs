using GroundStation.Hal;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Cascade;
using GroundStation.PostProcessing.FiniteKey;
using GroundStation.PostProcessing.Ldpc;
using GroundStation.PostProcessing.PrivacyAmplification;
using GroundStation.PostProcessing.Verification;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Distillation;

/// <summary>
/// The transmitter's post-processing of a pass (Alice; protocol/PEER.md sections 8.1-8.4), without I/O: checks the
/// station's SiftingComplete against its own blocks, answers Cascade parity requests (or sends LDPC syndromes for every
/// frame at once), sends a verification tag per corrected frame, checks the station's finite-key input against its own
/// counts and computes the same length, sends the Toeplitz seed and commits the same final key.
/// </summary>
public sealed class TransmitterDistillation(DistillationSettings settings, SourceParameters source, string keyId, Func<long> poolSpentBits)
{
    private readonly List<FrameState> _frames = new();
    private readonly Dictionary<long, CascadeResponder> _responders = new();
    private TransmitterSifting _sifting = null!;
    private KeyStream _stream = null!;
    private FiniteKeyInput? _input;
    private FiniteKeyReport? _report;
    private long _length = -1;
    private BitString? _amplified;
    private long _replenish = -1;

    public bool Started { get; private set; }

    /// <summary>The final key is committed by both sides (or both committed none).</summary>
    public bool Done { get; private set; }

    public BitString? FinalKey { get; private set; }

    public BitString? AuthSegment { get; private set; }

    /// <summary>Handles SiftingComplete and every post-processing message; false for other types.</summary>
    public bool FromPeer(PeerMessage message, TransmitterSifting sifting, RoleOutput output)
    {
        switch (message.Type)
        {
            case PeerMessageType.SiftingComplete:
                Start(sifting, SiftingCompleteCodec.Decode(message), output);
                return true;
            case PeerMessageType.CascadeSetup:
                var setup = CascadeSetupCodec.Decode(message);
                var frame = ExpectFrame(setup.FrameId, ReconciliationMethod.Cascade);
                if (setup.FrameBits != frame.Span.Length || !_responders.TryAdd(setup.FrameId, new CascadeResponder(_stream.Bits.Slice(frame.Span.Start, frame.Span.Length), setup)))
                {
                    throw new SiftingProtocolException($"Cascade frame {setup.FrameId}: {setup.FrameBits} bits set up, the frame holds {frame.Span.Length}, or set up twice");
                }

                return true;
            case PeerMessageType.ParityRequest:
                var request = ParityRequestCodec.Decode(message);
                var responder = _responders.GetValueOrDefault(request.FrameId)
                    ?? throw new SiftingProtocolException($"a parity request for frame {request.FrameId}, which is not set up");
                output.Peer(ParityReplyCodec.Encode(responder.Answer(request)));
                return true;
            case PeerMessageType.FrameCorrected:
                Corrected(FrameCorrectedCodec.Decode(message), output);
                return true;
            case PeerMessageType.FrameVerdict:
                var verdict = FrameVerdictCodec.Decode(message);
                var judged = _frames.FirstOrDefault(f => f.Span.FrameId == verdict.FrameId && f.Key is not null && f.Kept is null)
                    ?? throw new SiftingProtocolException($"a verdict on frame {verdict.FrameId}, which awaits none");
                judged.Kept = verdict.Kept;
                return true;
            case PeerMessageType.FiniteKeyInput:
                FiniteKey(FiniteKeyInputCodec.Decode(message), output);
                return true;
            case PeerMessageType.KeyCommit:
                Commit(KeyCommitCodec.Decode(message), output);
                return true;
            default:
                return false;
        }
    }

    public DistillationReport Report()
    {
        return Frames.Report(keyId, settings.Reconciliation, _stream?.Length ?? 0, _frames, _length, FinalKey, AuthSegment, poolSpentBits()) with
        {
            QberX = _input is null || _input.DetectionsX.Sum() == 0 ? null : (double)_input.ErrorsX.Sum() / _input.DetectionsX.Sum(),
            PhaseErrorBound = _report?.PhaseErrorRateZ,
            QberAlarm = _sifting?.AlarmSeen ?? false,
            NoKeyReason = _report?.NoKeyReason,
            FiniteKeyInput = _input,
            FiniteKey = _report,
        };
    }

    private void Start(TransmitterSifting sifting, SiftingComplete complete, RoleOutput output)
    {
        if (Started)
        {
            throw new SiftingProtocolException("sifting was completed twice");
        }

        _sifting = sifting;
        _stream = KeyStream.From(sifting.Ledger.Blocks);
        Started = true;
        if (complete.BlockCount != sifting.Ledger.BlocksClosed || complete.KeyStreamBits != _stream.Length
            || sifting.Ledger.Blocks.Any(b => b.State is LedgerBlockState.Closed or LedgerBlockState.Sampled))
        {
            throw new SiftingProtocolException(
                $"the station closed {complete.BlockCount} blocks with a {complete.KeyStreamBits}-bit key stream; this side has {sifting.Ledger.BlocksClosed} blocks, " +
                $"{_stream.Length} bits, {sifting.Ledger.Blocks.Count(b => b.State is LedgerBlockState.Closed or LedgerBlockState.Sampled)} without a verdict");
        }

        if (sifting.AlarmSeen)
        {
            return; // no key: no error correction
        }

        if (settings.Reconciliation == ReconciliationMethod.Cascade)
        {
            foreach (var span in PassFrames.Cascade(_stream.Length, settings.FrameBits))
            {
                _frames.Add(new FrameState(span));
            }

            return;
        }

        // One-way: every frame's syndrome and tag go at once; nothing waits for the station until the verdicts.
        var start = 0;
        while (PassFrames.LdpcPlan(PassFrames.LdpcFrameQber(_stream, start, settings.FrameBits, ZCounts), _stream.Length - start, settings.FrameBits) is { } plan)
        {
            var frame = new FrameState(new FrameSpan(_frames.Count, start, plan.KeyBits));
            _frames.Add(frame);
            start += plan.KeyBits;
            frame.Key = _stream.Bits.Slice(frame.Span.Start, frame.Span.Length);
            var syndrome = LdpcSender.Encode(frame.Span.FrameId, frame.Key, plan, RandomSeed());
            frame.Disclosed = plan.Checks;
            output.Peer(LdpcSyndromeCodec.Encode(syndrome));
            output.Peer(VerificationTagCodec.Encode(KeyVerification.CreateTag(frame.Span.FrameId, frame.Key)));
        }
    }

    /// <summary>Z-basis sampled and error counts this side counted in a block's estimation sample (all classes).</summary>
    private static (long Sampled, long Errors) ZCounts(LedgerBlock block)
    {
        long sampled = 0, errors = 0;
        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            sampled += block.OwnSampled[SiftCodes.Cell(c, SiftCodes.BasisZ)];
            errors += block.OwnErrors[SiftCodes.Cell(c, SiftCodes.BasisZ)];
        }

        return (sampled, errors);
    }

    private readonly IRandomSource _reconciliationRandom = settings.Random(RandomPurpose.Reconciliation);

    private ulong RandomSeed() => _reconciliationRandom.NextUInt64();

    private FrameState ExpectFrame(long frameId, ReconciliationMethod method)
    {
        if (!Started || settings.Reconciliation != method)
        {
            throw new SiftingProtocolException($"frame {frameId}: {method} messages were not expected now");
        }

        return _frames.FirstOrDefault(f => f.Span.FrameId == frameId) ?? throw new SiftingProtocolException($"frame {frameId} does not exist");
    }

    private void Corrected(FrameCorrected corrected, RoleOutput output)
    {
        var frame = ExpectFrame(corrected.FrameId, ReconciliationMethod.Cascade);
        var responder = _responders.GetValueOrDefault(corrected.FrameId);
        if (responder is null || frame.Key is not null || responder.DisclosedBits != corrected.DisclosedBits)
        {
            throw new SiftingProtocolException(
                $"frame {corrected.FrameId}: the station counts {corrected.DisclosedBits} disclosed bits, this side {responder?.DisclosedBits.ToString() ?? "none"}");
        }

        frame.Disclosed = responder.DisclosedBits;
        frame.Key = _stream.Bits.Slice(frame.Span.Start, frame.Span.Length);
        _responders.Remove(corrected.FrameId);
        output.Peer(VerificationTagCodec.Encode(KeyVerification.CreateTag(frame.Span.FrameId, frame.Key)));
    }

    private void FiniteKey(FiniteKeyInput input, RoleOutput output)
    {
        if (!Started || _input is not null || _frames.Any(f => f.Kept is null))
        {
            throw new SiftingProtocolException("the finite-key input arrived before every frame had its verdict");
        }

        var own = OwnCounts();
        var leaked = _frames.Sum(f => f.Disclosed);
        var tags = _frames.Count * (long)KeyVerification.DisclosedBits;
        string? differs =
            !input.Intensities.SequenceEqual(source.Intensities) || !input.IntensityProbabilities.SequenceEqual(source.IntensityProbabilities) ? "the source parameters"
            : !input.DetectionsZ.SequenceEqual(_stream.BitsPerClass) ? "the key-basis counts n_Z"
            : !input.DetectionsX.SequenceEqual(own) ? "the test-basis counts n_X"
            : input.LeakedErrorCorrectionBits != leaked || input.VerificationTagBits != tags ? "the disclosed bits"
            : input.QberAlarm != _sifting.AlarmSeen ? "the QBER alarm"
            : input.TransmitterZProbability != source.ZBasisProbability ? "the transmitter's P(Z)"
            : input.EpsilonSecret != settings.EpsilonSecret || input.EpsilonCorrect != settings.EpsilonCorrect ? "epsilon_sec or epsilon_cor"
            : null;
        if (differs is not null)
        {
            throw new SiftingProtocolException($"the station's finite-key input differs from this side's in {differs}");
        }

        _input = input;
        _report = FiniteKeyLength.Compute(input);
        var keptBits = Frames.Kept(_frames);
        _length = FinalLength.Of(_report, _stream.Length - keptBits, keptBits);
        if (_length == 0)
        {
            output.Peer(KeyCommitCodec.Encode(new KeyCommit(keyId, 0)));
            return;
        }

        var random = settings.Random(RandomPurpose.PrivacyAmplification);
        var seed = ToeplitzHash.CreateSeed((int)keptBits, (int)_length, bytes =>
        {
            for (var i = 0; i < bytes.Length; i += 4)
            {
                var word = random.NextUInt32();
                for (var j = 0; j < 4 && i + j < bytes.Length; j++)
                {
                    bytes[i + j] = (byte)(word >> (8 * j));
                }
            }
        });
        _amplified = ToeplitzHash.Apply(Frames.KeptKey(_frames), seed);
        output.Peer(ToeplitzSeedCodec.Encode(seed));
    }

    /// <summary>n_X,k as this side counts them: the X entries of accepted blocks plus the X positions of their samples.</summary>
    private long[] OwnCounts()
    {
        var nx = new long[SiftCodes.ClassCount];
        foreach (var block in _sifting.Ledger.Blocks.Where(b => b.State == LedgerBlockState.Accepted))
        {
            foreach (var entry in block.Entries)
            {
                if (entry.Basis == SiftCodes.BasisX)
                {
                    nx[entry.IntensityClass]++;
                }
            }

            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                nx[c] += block.OwnSampled[SiftCodes.Cell(c, SiftCodes.BasisX)];
            }
        }

        return nx;
    }

    /// <summary>The station commits first (its replenishment segment, then the key); this side checks and echoes.</summary>
    private void Commit(KeyCommit commit, RoleOutput output)
    {
        if (_input is null || Done)
        {
            throw new SiftingProtocolException($"a key commit for {commit.KeyId} was not expected now");
        }

        if (commit.KeyId == keyId + KeyIds.AuthSuffix && _amplified is not null && _replenish < 0)
        {
            var most = FinalLength.Replenishment(_amplified.Length, _amplified.Length);
            if (commit.KeyBits > most || commit.KeyBits % 8 != 0 || commit.KeyBits < 128)
            {
                throw new SiftingProtocolException($"the station replenishes {commit.KeyBits} bits of a {_amplified.Length}-bit key");
            }

            _replenish = commit.KeyBits;
            output.Peer(KeyCommitCodec.Encode(commit));
            return;
        }

        var replenish = Math.Max(0, _replenish);
        var expected = _amplified is null ? 0 : _amplified.Length - replenish;
        if (commit.KeyId != keyId || commit.KeyBits != expected)
        {
            throw new SiftingProtocolException($"the station committed {commit.KeyBits} bits as {commit.KeyId}, this side expects {expected} bits as {keyId}");
        }

        if (_amplified is not null)
        {
            AuthSegment = replenish > 0 ? _amplified.Slice(0, (int)replenish) : null;
            FinalKey = _amplified.Slice((int)replenish, _amplified.Length - (int)replenish);
            output.Peer(KeyCommitCodec.Encode(commit));
        }

        Done = true;
    }
}

using GroundStation.Hal;
using GroundStation.Host.Sifting;
using GroundStation.Host.Roles;
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
/// The station's post-processing of a pass (Bob; protocol/PEER.md sections 8.1-8.4), without I/O: after sifting it
/// announces the key stream (SiftingComplete), corrects every frame (Cascade: it drives the parity requests of all
/// frames at once; LDPC: it decodes the transmitter's syndromes), answers every verification tag with a verdict,
/// compares the test basis, sends the finite-key input, applies the transmitter's Toeplitz seed and commits the final
/// key. Nothing is kept until the session completes; the driver stores <see cref="FinalKey"/> then.
/// </summary>
public sealed class StationDistillation(DistillationSettings settings, string keyId, Func<long> poolSpentBits)
{
    private readonly List<FrameState> _frames = new();
    private readonly Dictionary<long, CascadeSession> _cascades = new();
    private readonly Dictionary<long, VerificationTag> _tags = new();
    private readonly LdpcReceiver _ldpc = new();
    private StationSifting _sifting = null!;
    private SourceParameters _source = null!;
    private KeyStream _stream = null!;
    private bool _alarm;
    private double _qberEstimate;
    private int _ldpcNextStart;
    private bool _ldpcDone;
    private FiniteKeyInput? _input;
    private FiniteKeyReport? _report;
    private long _length = -1;
    private BitString? _amplified;
    private long _replenish;
    private bool _committed;
    private bool _peerCommitted;
    private readonly long[] _errorsZ = new long[SiftCodes.ClassCount];

    public bool Started { get; private set; }

    /// <summary>Both sides committed the final key (or its absence): the driver may close the session.</summary>
    public bool Done => _committed && _peerCommitted;

    /// <summary>The output key (after the replenishment segment); null without a key. Keep it only once the session completed.</summary>
    public BitString? FinalKey { get; private set; }

    /// <summary>The first bits of the final key, for both authentication pools; null when nothing is replenished.</summary>
    public BitString? AuthSegment { get; private set; }

    /// <summary>Starts post-processing once sifting settled; <paramref name="source"/> came from the transmitter.</summary>
    public void Start(StationSifting sifting, SourceParameters source, RoleOutput output)
    {
        _sifting = sifting;
        _source = source;
        _stream = KeyStream.From(sifting.DeliveredBlocks);
        _alarm = sifting.Alarms.Count > 0 || sifting.Verdicts.Any(v => !v.Accepted);
        _qberEstimate = QberEstimate(sifting.Verdicts);
        Started = true;
        output.Peer(SiftingCompleteCodec.Encode(new SiftingComplete(sifting.Ledger.BlocksClosed, _stream.Length)));
        if (_alarm)
        {
            _ldpcDone = true;
        }
        else if (settings.Reconciliation == ReconciliationMethod.Cascade)
        {
            foreach (var span in PassFrames.Cascade(_stream.Length, settings.FrameBits))
            {
                var frame = new FrameState(span);
                _frames.Add(frame);
                var setup = CascadeParameters.Setup(span.FrameId, span.Length, _qberEstimate, RandomSeed());
                var session = new CascadeSession(_stream.Bits.Slice(span.Start, span.Length), setup);
                _cascades[span.FrameId] = session;
                output.Peer(CascadeSetupCodec.Encode(setup));
                Ask(frame, session, output);
            }
        }
        else
        {
            _ldpcDone = _stream.Length < PassFrames.MinFrameBits;
        }

        TryFinish(output);
    }

    /// <summary>Handles one post-processing message from the transmitter; false for other types.</summary>
    public bool FromPeer(PeerMessage message, RoleOutput output)
    {
        switch (message.Type)
        {
            case PeerMessageType.ParityReply:
                var reply = ParityReplyCodec.Decode(message);
                var session = Cascade(reply.FrameId);
                session.Accept(reply);
                Ask(Frame(reply.FrameId), session, output);
                break;
            case PeerMessageType.LdpcSyndrome:
                Decode(LdpcSyndromeCodec.Decode(message));
                break;
            case PeerMessageType.VerificationTag:
                var tag = VerificationTagCodec.Decode(message);
                if (!_tags.TryAdd(tag.FrameId, tag))
                {
                    throw new SiftingProtocolException($"a second verification tag for frame {tag.FrameId}");
                }

                break;
            case PeerMessageType.ToeplitzSeed:
                Amplify(ToeplitzSeedCodec.Decode(message), output);
                break;
            case PeerMessageType.KeyCommit:
                PeerCommit(KeyCommitCodec.Decode(message));
                break;
            default:
                return false;
        }

        Judge(output);
        TryFinish(output);
        return true;
    }

    /// <summary>The figures of the pass so far (complete once <see cref="Done"/>).</summary>
    public DistillationReport Report()
    {
        long keptBits = Frames.Kept(_frames);
        double? qberZ = keptBits == 0 ? null : (double)_errorsZ.Sum() / keptBits;
        long framedBits = _frames.Sum(f => (long)f.Span.Length);
        var common = Frames.Report(keyId, settings.Reconciliation, _stream?.Length ?? 0, _frames, _length, FinalKey, AuthSegment, poolSpentBits());
        double? f = qberZ is > 0 && framedBits > 0 ? BinaryEntropy.Efficiency(common.ErrorCorrectionDisclosedBits, framedBits, qberZ.Value) : null;
        var nx = _input?.DetectionsX.Sum() ?? 0;
        return common with
        {
            EcEfficiency = f,
            QberZ = qberZ,
            QberZEstimate = Started ? _qberEstimate : null,
            QberX = nx == 0 ? null : (double)_input!.ErrorsX.Sum() / nx,
            PhaseErrorBound = _report?.PhaseErrorRateZ,
            QberAlarm = _alarm,
            NoKeyReason = _report?.NoKeyReason ?? (_length == 0 ? "the key is not longer than the bits dropped" : null),
            FiniteKeyInput = _input,
            FiniteKey = _report,
        };
    }

    /// <summary>Z-basis QBER of the estimation samples, all classes (the key stream holds them all), for planning only.</summary>
    public static double QberEstimate(IEnumerable<EstimateVerdict> verdicts)
    {
        long sampled = 0, errors = 0;
        foreach (var v in verdicts.Where(v => v.Accepted))
        {
            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                sampled += v.Sampled[SiftCodes.Cell(c, SiftCodes.BasisZ)];
                errors += v.Errors[SiftCodes.Cell(c, SiftCodes.BasisZ)];
            }
        }

        // Laplace's rule keeps an error-free sample from planning for a zero error rate.
        return Math.Clamp((errors + 1.0) / (sampled + 2.0), CascadeParameters.MinQber, CascadeParameters.MaxQber);
    }

    private readonly IRandomSource _reconciliationRandom = settings.Random(RandomPurpose.Reconciliation);

    private ulong RandomSeed() => _reconciliationRandom.NextUInt64();

    private FrameState Frame(long frameId) =>
        _frames.FirstOrDefault(f => f.Span.FrameId == frameId) ?? throw new SiftingProtocolException($"frame {frameId} does not exist");

    private CascadeSession Cascade(long frameId) =>
        _cascades.GetValueOrDefault(frameId) ?? throw new SiftingProtocolException($"a parity reply for frame {frameId}, which is not a Cascade frame in progress");

    private void Ask(FrameState frame, CascadeSession session, RoleOutput output)
    {
        var request = session.NextRequest();
        if (request is not null)
        {
            output.Peer(ParityRequestCodec.Encode(request));
            return;
        }

        var result = session.Result;
        frame.Key = result.CorrectedKey;
        frame.Disclosed = result.DisclosedBits;
        _cascades.Remove(frame.Span.FrameId);
        output.Peer(FrameCorrectedCodec.Encode(new FrameCorrected(frame.Span.FrameId, result.DisclosedBits)));
    }

    private void Decode(LdpcSyndrome syndrome)
    {
        if (settings.Reconciliation != ReconciliationMethod.Ldpc || _ldpcDone || syndrome.FrameId != _frames.Count)
        {
            throw new SiftingProtocolException($"an LDPC syndrome for frame {syndrome.FrameId} was not expected");
        }

        var keyBits = syndrome.FrameBits - syndrome.ShortenedBits;
        if (keyBits < PassFrames.MinFrameBits || keyBits > _stream.Length - _ldpcNextStart)
        {
            throw new SiftingProtocolException($"LDPC frame {syndrome.FrameId} claims {keyBits} key bits, {_stream.Length - _ldpcNextStart} remain");
        }

        var frame = new FrameState(new FrameSpan(syndrome.FrameId, _ldpcNextStart, keyBits));
        _frames.Add(frame);
        _ldpcNextStart += keyBits;
        var result = _ldpc.Decode(_stream.Bits.Slice(frame.Span.Start, keyBits), syndrome);
        frame.Key = result.CorrectedKey;
        frame.Disclosed = result.DisclosedBits;
        _ldpcDone = PassFrames.LdpcPlan(PassFrames.LdpcFrameQber(_stream, _ldpcNextStart, settings.FrameBits, ZCounts),
            _stream.Length - _ldpcNextStart, settings.FrameBits) is null;
    }

    /// <summary>Z-basis sampled and error counts of a block's estimation verdict (all classes), as the transmitter counted them.</summary>
    private (long Sampled, long Errors) ZCounts(LedgerBlock block)
    {
        var verdict = _sifting.Verdicts.FirstOrDefault(v => v.Block == block.Number);
        long sampled = 0, errors = 0;
        for (var c = 0; verdict is not null && c < SiftCodes.ClassCount; c++)
        {
            sampled += verdict.Sampled[SiftCodes.Cell(c, SiftCodes.BasisZ)];
            errors += verdict.Errors[SiftCodes.Cell(c, SiftCodes.BasisZ)];
        }

        return (sampled, errors);
    }

    /// <summary>Answers every frame whose key and tag are both in, in frame order.</summary>
    private void Judge(RoleOutput output)
    {
        foreach (var frame in _frames.Where(f => f.Kept is null))
        {
            var corrected = settings.Reconciliation == ReconciliationMethod.Ldpc || !_cascades.ContainsKey(frame.Span.FrameId);
            if (!corrected || !_tags.TryGetValue(frame.Span.FrameId, out var tag))
            {
                continue;
            }

            var verdict = FrameVerdict.Of(frame.Span.FrameId, frame.Key, tag);
            frame.Kept = verdict.Kept;
            if (verdict.Kept)
            {
                _stream.CountErrors(frame.Span.Start, frame.Key!, _errorsZ);
            }

            output.Peer(FrameVerdictCodec.Encode(verdict));
        }
    }

    /// <summary>Once every frame has its verdict and every accepted block its test-basis bits: the finite-key input.</summary>
    private void TryFinish(RoleOutput output)
    {
        if (!Started || _input is not null || !_ldpcDone && settings.Reconciliation == ReconciliationMethod.Ldpc
            || _frames.Any(f => f.Kept is null) || _cascades.Count > 0)
        {
            return;
        }

        var accepted = _sifting.DeliveredBlocks.ToList();
        if (accepted.Any(b => !_sifting.TestBasisByBlock.ContainsKey(b.Number)))
        {
            return;
        }

        var (nx, mx) = TestBasisCounts(accepted);
        _input = new FiniteKeyInput(_source.Intensities, _source.IntensityProbabilities, _stream.BitsPerClass, (long[])_errorsZ.Clone(),
            nx, mx, _frames.Sum(f => f.Disclosed), _frames.Count * (long)KeyVerification.DisclosedBits, _alarm,
            settings.ReceiverZProbability, _source.ZBasisProbability, settings.EpsilonSecret, settings.EpsilonCorrect);
        _report = FiniteKeyLength.Compute(_input);
        _length = FinalLength.Of(_report, _stream.Length - Frames.Kept(_frames), Frames.Kept(_frames));
        output.Peer(FiniteKeyInputCodec.Encode(_input));
        if (_length == 0)
        {
            _committed = true;
            output.Peer(KeyCommitCodec.Encode(new KeyCommit(keyId, 0)));
        }
    }

    private (long[] Detections, long[] Errors) TestBasisCounts(IReadOnlyList<LedgerBlock> accepted)
    {
        var nx = new long[SiftCodes.ClassCount];
        var mx = new long[SiftCodes.ClassCount];
        foreach (var block in accepted)
        {
            var (n, m) = TestBasis.Compare(block, _sifting.TestBasisByBlock[block.Number]);
            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                nx[c] += n[c];
                mx[c] += m[c];
            }
        }

        // The estimation samples' X bits were compared too (sampled X positions are test-basis events like the rest).
        foreach (var v in _sifting.Verdicts.Where(v => v.Accepted))
        {
            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                nx[c] += v.Sampled[SiftCodes.Cell(c, SiftCodes.BasisX)];
                mx[c] += v.Errors[SiftCodes.Cell(c, SiftCodes.BasisX)];
            }
        }

        return (nx, mx);
    }

    private void Amplify(ToeplitzSeed seed, RoleOutput output)
    {
        var keptBits = Frames.Kept(_frames);
        if (_input is null || _length <= 0 || seed.InputBits != keptBits || seed.OutputBits != _length)
        {
            throw new SiftingProtocolException(
                $"a Toeplitz seed for {seed.InputBits} -> {seed.OutputBits} bits; this side holds {keptBits} bits for a {Math.Max(0, _length)}-bit key");
        }

        _amplified = ToeplitzHash.Apply(Frames.KeptKey(_frames), seed);
        _replenish = FinalLength.Replenishment(_amplified.Length, poolSpentBits());
        if (_replenish > 0)
        {
            output.Peer(KeyCommitCodec.Encode(new KeyCommit(keyId + KeyIds.AuthSuffix, _replenish)));
        }

        output.Peer(KeyCommitCodec.Encode(new KeyCommit(keyId, _amplified.Length - _replenish)));
        AuthSegment = _replenish > 0 ? _amplified.Slice(0, (int)_replenish) : null;
        FinalKey = _amplified.Slice((int)_replenish, _amplified.Length - (int)_replenish);
        _committed = true;
    }

    private void PeerCommit(KeyCommit commit)
    {
        if (!_committed)
        {
            throw new SiftingProtocolException($"the transmitter committed key {commit.KeyId} before this side");
        }

        long? expected = commit.KeyId == keyId + KeyIds.AuthSuffix ? _replenish
            : commit.KeyId == keyId ? (_length <= 0 ? 0 : _length - _replenish)
            : null;
        if (commit.KeyBits != expected)
        {
            throw new SiftingProtocolException($"the transmitter committed {commit.KeyBits} bits as {commit.KeyId}; this side commits {keyId}");
        }

        if (commit.KeyId == keyId)
        {
            _peerCommitted = true;
        }
    }
}

using GroundStation.Host.Roles;
using GroundStation.Peer.Messages;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>One intrusion alarm (SiftAlarm) as the station received it from the firmware.</summary>
public sealed record SiftingAlarm(uint Block, int IntensityClass, int Basis, int QberPpm, int Errors, int Sampled)
{
    public override string ToString() =>
        $"block {Block}: QBER {QberPpm / 1e4:F2} % in class {IntensityClass} basis {(Basis == SiftCodes.BasisZ ? "Z" : "X")} ({Errors}/{Sampled})";
}

/// <summary>
/// The station's half of sifting, in the host (protocol/Sifting/README.md, protocol/PEER.md section 8.1), without I/O:
/// relays the firmware's announcements, block notices, samples and verdicts to the transmitter and its matches and
/// references back, asks the firmware for estimation of every closed block (<see cref="EstimationPolicy"/>), and keeps
/// every accepted block with the slot, basis, intensity class and bit of each entry (<see cref="SiftingLedger"/> plus
/// the firmware's SiftedBlock, cross-checked: counts and bases must agree). Anything that contradicts the ledger
/// throws <see cref="SiftingProtocolException"/>.
/// </summary>
public sealed class StationSifting(EstimationPolicy policy, bool selfAnswering = false)
{
    /// <summary>
    /// Post-pass recording (protocol/PEER.md section 8.5): no transmitter is reachable, so the station answers every
    /// announcement itself as "basis matches, class signal" and asks for no sample; the firmware then delivers every
    /// detection's bit and basis in its blocks (the class is a placeholder), which the station keeps for the real
    /// sifting against the transmitter after the pass. Nothing goes to a peer.
    /// </summary>
    public bool SelfAnswering { get; } = selfAnswering;

    /// <summary>The estimation policy; tests and benches may change it between blocks.</summary>
    public EstimationPolicy Policy { get; set; } = policy;

    private readonly List<EstimateVerdict> _verdicts = new();
    private readonly List<SiftingAlarm> _alarms = new();
    private readonly Dictionary<uint, TestBasisBits> _testBasis = new();
    private bool _flushRequested;

    public SiftingLedger Ledger { get; } = new();

    /// <summary>Every estimation verdict, in the order the firmware sent them.</summary>
    public IReadOnlyList<EstimateVerdict> Verdicts => _verdicts;

    public IReadOnlyList<SiftingAlarm> Alarms => _alarms;

    /// <summary>Accepted blocks whose bits arrived (SiftedBlock), in block order.</summary>
    public IEnumerable<LedgerBlock> DeliveredBlocks => Ledger.Blocks.Where(b => b.State == LedgerBlockState.Accepted && b.HasBits);

    /// <summary>The transmitter's test-basis bits per accepted block.</summary>
    public IReadOnlyDictionary<uint, TestBasisBits> TestBasisByBlock => _testBasis;

    /// <summary>Raised when an accepted block's bits arrived (for writing it as it comes).</summary>
    public event Action<LedgerBlock>? BlockDelivered;

    /// <summary>Raised for every estimation verdict (for the timeline).</summary>
    public event Action<EstimateVerdict>? VerdictReceived;

    /// <summary>End of the pass: the firmware is told to flush (SiftFlush); sifting settles once everything is back.</summary>
    public void EndPass(RoleOutput output)
    {
        if (!_flushRequested)
        {
            _flushRequested = true;
            output.Firmware(MessageType.SiftFlush, []);
        }
    }

    public bool FlushRequested => _flushRequested;

    /// <summary>
    /// True once the flush was sent, every announcement was answered, no matched slot is outside a closed block, every
    /// closed block has its verdict and every accepted block its bits. The driver also compares the firmware's own
    /// counters (<see cref="AgreesWith"/>), since a last announcement may still be on its way.
    /// </summary>
    public bool Settled => _flushRequested && Ledger.BatchesAwaitingMatch == 0 && Ledger.PendingEntries == 0
        && Ledger.Blocks.All(b => b.State == LedgerBlockState.Discarded || (b.State == LedgerBlockState.Accepted && b.HasBits));

    /// <summary>True when the firmware's sifted bits and closed blocks (SIFT:STAT?) equal what the station saw.</summary>
    public bool AgreesWith(long firmwareSiftedBits, long firmwareBlocksClosed) =>
        firmwareSiftedBits == Ledger.MatchedSlots && firmwareBlocksClosed == Ledger.BlocksClosed;

    /// <summary>Handles one message from the firmware; false for types that are not the station's business (telemetry, replies).</summary>
    public bool FromFirmware(MessageType type, byte[] payload, RoleOutput output)
    {
        switch (type)
        {
            case MessageType.SiftAnnounce:
                var batch = Ledger.Announce(payload);
                if (SelfAnswering)
                {
                    output.Firmware(MessageType.SiftMatch, MatchAll(batch));
                }
                else
                {
                    output.Peer(SiftingRelayCodec.Wrap(type, payload));
                }

                return true;
            case MessageType.SiftBlockClosed:
                var block = Ledger.Close(payload);
                if (!SelfAnswering)
                {
                    output.Peer(SiftingRelayCodec.Wrap(type, payload));
                }

                if ((SelfAnswering ? 0 : Policy.SampleBits(block.Entries.Count)) is { } sample)
                {
                    output.Firmware(MessageType.SiftEstimateRequest, EstimateRequest(block.Number, sample));
                }

                return true;
            case MessageType.SiftEstimateSample:
                Ledger.Sample(payload, countErrors: false);
                output.Peer(SiftingRelayCodec.Wrap(type, payload));
                return true;
            case MessageType.SiftEstimateResult:
                var (_, verdict) = Ledger.Conclude(payload);
                if (!SelfAnswering)
                {
                    output.Peer(SiftingRelayCodec.Wrap(type, payload));
                }

                _verdicts.Add(verdict);
                VerdictReceived?.Invoke(verdict);
                return true;
            case MessageType.SiftedBlock:
                Deliver(payload);
                return true;
            case MessageType.SiftAlarm:
                if (!SiftAlarmCodec.TryDecode(payload, 0, payload.Length, out var alarmBlock, out var cls, out var basis, out var qber, out var errors, out var sampled))
                {
                    throw new SiftingProtocolException("a SiftAlarm payload is malformed");
                }

                _alarms.Add(new SiftingAlarm(alarmBlock, cls, basis, qber, errors, sampled));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Handles one sifting message from the transmitter; false for types that are not sifting's.</summary>
    public bool FromPeer(PeerMessage message, RoleOutput output)
    {
        switch (message.Type)
        {
            case PeerMessageType.SiftMatch:
                Ledger.ApplyMatch(message.Payload);
                output.Firmware(MessageType.SiftMatch, message.Payload);
                return true;
            case PeerMessageType.SiftEstimateReference:
                output.Firmware(MessageType.SiftEstimateReference, message.Payload);
                return true;
            case PeerMessageType.TestBasisBits:
                var bits = TestBasisBitsCodec.Decode(message);
                var block = Ledger.Block((uint)bits.Block);
                if (block is null || block.State != LedgerBlockState.Accepted || !_testBasis.TryAdd((uint)bits.Block, bits))
                {
                    throw new SiftingProtocolException($"test-basis bits of block {bits.Block}, which is not an accepted block awaiting them");
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The self-answer to an announcement: every slot matched, class signal (the placeholder); applied to the ledger too.</summary>
    private byte[] MatchAll(AnnouncedBatch batch)
    {
        var matches = new byte[batch.Count];
        Array.Fill(matches, (byte)1);
        var classes = new byte[batch.Count];
        Ledger.Matched(matches, classes, bits: null);
        var reply = new byte[SiftMatchCodec.Length(batch.Number, batch.Count)];
        SiftMatchCodec.Encode(reply, 0, batch.Number, matches, classes, batch.Count);
        return reply;
    }

    /// <summary>A SiftEstimateRequest payload: disclose <paramref name="sampleBits"/> bits of block <paramref name="block"/> (0: none).</summary>
    public static byte[] EstimateRequest(uint block, int sampleBits)
    {
        var request = new byte[2 * SiftWire.MaxVarintBytes];
        var length = SiftEstimateRequestCodec.Encode(request, 0, block, sampleBits);
        return request[..length];
    }

    private void Deliver(byte[] payload)
    {
        var delivered = HostSiftedBlock.TryDecode(payload) ?? throw new SiftingProtocolException("a SiftedBlock payload is malformed");
        var block = Ledger.Block(delivered.Number);
        if (block is null || block.State != LedgerBlockState.Accepted || block.HasBits)
        {
            throw new SiftingProtocolException($"the firmware delivered block {delivered.Number}, which is not an accepted block awaiting its bits");
        }

        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            var entries = block.OfClass(c).ToList();
            var bases = delivered.Bases(c);
            if (entries.Count != bases.Count)
            {
                throw new SiftingProtocolException($"block {block.Number} class {c}: the firmware delivered {bases.Count} bits, the ledger holds {entries.Count}");
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Basis != bases[i])
                {
                    throw new SiftingProtocolException($"block {block.Number} class {c}: bit {i} has basis {bases[i]}, slot {entries[i].Slot} was announced in {entries[i].Basis}");
                }
            }
        }

        block.SetBits((c, i) => (byte)delivered.Bits(c)[i]);
        BlockDelivered?.Invoke(block);
    }
}

using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Satellite;

/// <summary>
/// The satellite's half of sifting, played by gsctl in simulations (protocol/Sifting/README.md): answers each
/// announcement with the match mask and intensity classes from an <see cref="ISatelliteRecord"/>, keeps its own
/// sifted bits in the same numbered blocks as the ground station, answers estimation samples with its bits, and
/// applies the ground station's verdict. Every payload goes through protocol/Sifting's codecs.
/// </summary>
public sealed class SatelliteSifter(ISatelliteRecord record)
{
    private readonly List<SiftedEntry> _pending = new();
    private readonly Dictionary<uint, SatelliteKeyBlock> _blocks = new();
    private uint _nextBatch;
    private uint _nextBlock;

    /// <summary>Blocks in number order.</summary>
    public IReadOnlyList<SatelliteKeyBlock> Blocks => _blocks.Values.OrderBy(b => b.Number).ToList();

    public SatelliteKeyBlock? Block(uint number) => _blocks.GetValueOrDefault(number);

    /// <summary>Sifted bits not yet in a closed block.</summary>
    public int PendingBits => _pending.Count;

    public long AnnouncedSlots { get; private set; }

    public long MatchedSlots { get; private set; }

    public long MalformedPayloads { get; private set; }

    /// <summary>Well-formed messages that contradict this side's state (wrong numbers or counts: the sides disagree).</summary>
    public long UnexpectedMessages { get; private set; }

    /// <summary>Verdicts whose error counts differ from this side's own count of the disclosed sample.</summary>
    public long EstimateDisagreements { get; private set; }

    /// <summary>
    /// Handles one message the ground station sent (relayed by the host); returns the reply to relay back, if any.
    /// Messages meant for the host only (SiftedBlock, SiftAlarm) are ignored.
    /// </summary>
    public SiftingMessage? Handle(SiftingMessage message) => message.Type switch
    {
        MessageType.SiftAnnounce => OnAnnounce(message.Payload),
        MessageType.SiftBlockClosed => OnBlockClosed(message.Payload),
        MessageType.SiftEstimateSample => OnSample(message.Payload),
        MessageType.SiftEstimateResult => OnResult(message.Payload),
        _ => null,
    };

    private SiftingMessage? OnAnnounce(byte[] payload)
    {
        if (!SiftAnnounceCodec.TryDecodeHeader(payload, 0, payload.Length, out _, out var count))
        {
            MalformedPayloads++;
            return null;
        }

        var slots = new long[count];
        var bases = new byte[count];
        if (!SiftAnnounceCodec.TryDecode(payload, 0, payload.Length, out var batch, slots, bases, out count))
        {
            MalformedPayloads++;
            return null;
        }

        if (batch != _nextBatch)
        {
            UnexpectedMessages++;
            return null;
        }

        _nextBatch++;
        AnnouncedSlots += count;
        var matches = new byte[count];
        var classes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            if (!record.TryGet(slots[i], out var basis, out var bit, out var intensityClass))
            {
                classes[i] = SiftCodes.ClassNotSent;
                continue;
            }

            classes[i] = intensityClass;
            if (basis == bases[i])
            {
                matches[i] = 1;
                MatchedSlots++;
                _pending.Add(new SiftedEntry(bit, basis, intensityClass, slots[i]));
            }
        }

        var reply = new byte[SiftMatchCodec.Length(batch, count)];
        SiftMatchCodec.Encode(reply, 0, batch, matches, classes, count);
        return new SiftingMessage(MessageType.SiftMatch, reply);
    }

    private SiftingMessage? OnBlockClosed(byte[] payload)
    {
        var counts = new int[SiftCodes.ClassCount];
        if (!SiftBlockClosedCodec.TryDecode(payload, 0, payload.Length, out var number, counts))
        {
            MalformedPayloads++;
            return null;
        }

        var total = counts.Sum();
        if (number != _nextBlock || total > _pending.Count)
        {
            UnexpectedMessages++;
            return null;
        }

        var entries = _pending.GetRange(0, total);
        for (var c = 0; c < SiftCodes.ClassCount; c++)
        {
            if (entries.Count(e => e.IntensityClass == c) != counts[c])
            {
                UnexpectedMessages++;
                return null;
            }
        }

        _pending.RemoveRange(0, total);
        _blocks[number] = new SatelliteKeyBlock(number, entries);
        _nextBlock++;
        return null;
    }

    private SiftingMessage? OnSample(byte[] payload)
    {
        if (!SiftEstimateSampleCodec.TryDecodeHeader(payload, 0, payload.Length, out _, out _, out var k))
        {
            MalformedPayloads++;
            return null;
        }

        var positions = new int[k];
        var groundBits = new byte[k];
        if (!SiftEstimateSampleCodec.TryDecode(payload, 0, payload.Length, out var number, out var blockBits, positions, groundBits, out k))
        {
            MalformedPayloads++;
            return null;
        }

        var block = Block(number);
        if (block is null || block.State != SatelliteBlockState.Closed || block.Count != blockBits)
        {
            UnexpectedMessages++;
            return null;
        }

        var reference = block.TakeSample(positions, groundBits, k);
        var reply = new byte[2 * SiftWire.MaxVarintBytes + SiftWire.BitBytes(k)];
        var length = SiftEstimateReferenceCodec.Encode(reply, 0, number, reference, k);
        return new SiftingMessage(MessageType.SiftEstimateReference, reply[..length]);
    }

    private SiftingMessage? OnResult(byte[] payload)
    {
        var sampled = new int[SiftCodes.CellCount];
        var errors = new int[SiftCodes.CellCount];
        if (!SiftEstimateResultCodec.TryDecode(payload, 0, payload.Length, out var number, out var verdict, out _, sampled, errors))
        {
            MalformedPayloads++;
            return null;
        }

        var block = Block(number);
        if (block is null || block.State is SatelliteBlockState.Accepted or SatelliteBlockState.Discarded)
        {
            UnexpectedMessages++;
            return null;
        }

        if (!sampled.SequenceEqual(block.OwnSampled) || !errors.SequenceEqual(block.OwnErrors))
        {
            EstimateDisagreements++;
        }

        block.Conclude(verdict == SiftEstimateResultCodec.VerdictAccepted);
        return null;
    }
}

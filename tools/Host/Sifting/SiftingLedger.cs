using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>One announcement as decoded: batch number, slots and bases of its detections, in order.</summary>
public sealed record AnnouncedBatch(uint Number, long[] Slots, byte[] Bases)
{
    public int Count => Slots.Length;
}

/// <summary>One estimation result (SiftEstimateResult) as decoded.</summary>
public sealed record EstimateVerdict(uint Block, bool Accepted, int ThresholdPpm, int[] Sampled, int[] Errors);

/// <summary>
/// The public side of sifting as a non-firmware party follows it (protocol/Sifting/README.md, "The exchange"):
/// announcements in batch order, match replies applied to them in the same order, matched slots appended to the open
/// block, blocks cut at the counts the ground station closed them with, estimation samples taken out, verdicts
/// applied. The station and the transmitter each keep one; it is how each knows the slot, basis and class of every
/// bit of every block. Every payload is decoded with protocol/Sifting's codecs; anything that contradicts the ledger
/// throws <see cref="SiftingProtocolException"/> with a one-line reason.
/// </summary>
public sealed class SiftingLedger
{
    private readonly Queue<AnnouncedBatch> _awaitingMatch = new();
    private readonly List<SiftedEntry> _pending = new();
    private readonly SortedDictionary<uint, LedgerBlock> _blocks = new();
    private uint _nextBatch;
    private uint _nextBlock;
    private bool _bitsFromMatches;

    /// <summary>Blocks in number order (accepted, discarded and those still being estimated).</summary>
    public IEnumerable<LedgerBlock> Blocks => _blocks.Values;

    public LedgerBlock? Block(uint number) => _blocks.GetValueOrDefault(number);

    public long AnnouncedSlots { get; private set; }

    public long Announcements { get; private set; }

    /// <summary>Slots matched (sifted bits), all classes.</summary>
    public long MatchedSlots { get; private set; }

    public long BlocksClosed => _nextBlock;

    /// <summary>Announcements whose match reply has not been applied yet.</summary>
    public int BatchesAwaitingMatch => _awaitingMatch.Count;

    /// <summary>Matched slots not yet in a closed block (the ground station's open block).</summary>
    public int PendingEntries => _pending.Count;

    /// <summary>Records an announcement (it must be the next batch number) and returns it decoded.</summary>
    public AnnouncedBatch Announce(byte[] payload)
    {
        if (!SiftAnnounceCodec.TryDecodeHeader(payload, 0, payload.Length, out _, out var count))
        {
            throw new SiftingProtocolException("a SiftAnnounce payload is malformed");
        }

        var slots = new long[count];
        var bases = new byte[count];
        if (!SiftAnnounceCodec.TryDecode(payload, 0, payload.Length, out var number, slots, bases, out count))
        {
            throw new SiftingProtocolException("a SiftAnnounce payload is malformed");
        }

        if (number != _nextBatch)
        {
            throw new SiftingProtocolException($"announcement batch {number} arrived, batch {_nextBatch} was expected");
        }

        _nextBatch++;
        Announcements++;
        AnnouncedSlots += count;
        var batch = new AnnouncedBatch(number, slots, bases);
        _awaitingMatch.Enqueue(batch);
        return batch;
    }

    /// <summary>
    /// Applies a SiftMatch payload to the oldest unanswered announcement (the station's way: the classes come from the
    /// transmitter, the bits later from the firmware). Returns the batch it answered.
    /// </summary>
    public AnnouncedBatch ApplyMatch(byte[] payload)
    {
        if (!SiftMatchCodec.TryDecode(payload, 0, payload.Length, out var number, out var count, out var matchStart, out var classStart))
        {
            throw new SiftingProtocolException("a SiftMatch payload is malformed");
        }

        if (!_awaitingMatch.TryPeek(out var batch) || batch.Number != number || batch.Count != count)
        {
            throw new SiftingProtocolException(batch is null
                ? $"a match reply for batch {number} arrived with no announcement awaiting one"
                : $"a match reply for batch {number} ({count} slots) arrived, batch {batch.Number} ({batch.Count} slots) awaits one");
        }

        var matches = new byte[count];
        var classes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            matches[i] = (byte)SiftWire.GetBit(payload, matchStart, i);
            classes[i] = (byte)SiftWire.GetPair(payload, classStart, i);
        }

        Matched(matches, classes, bits: null);
        return batch;
    }

    /// <summary>
    /// Applies the answer to the oldest unanswered announcement from arrays (the transmitter's way, with the bits of
    /// its record): match bit, class (3 = not sent) and, for the transmitter, the bit sent.
    /// </summary>
    public void Matched(byte[] matches, byte[] classes, byte[]? bits)
    {
        var batch = _awaitingMatch.Dequeue();
        _bitsFromMatches |= bits is not null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (matches[i] == 0)
            {
                continue;
            }

            if (classes[i] >= SiftCodes.ClassCount)
            {
                throw new SiftingProtocolException($"batch {batch.Number}: slot {batch.Slots[i]} matched with class {classes[i]}");
            }

            _pending.Add(new SiftedEntry(batch.Slots[i], batch.Bases[i], classes[i], bits is null ? (byte)0 : bits[i]));
            MatchedSlots++;
        }
    }

    /// <summary>Cuts the next block from the matched slots at the SiftBlockClosed counts (checked per class).</summary>
    public LedgerBlock Close(byte[] payload)
    {
        var counts = new int[SiftCodes.ClassCount];
        if (!SiftBlockClosedCodec.TryDecode(payload, 0, payload.Length, out var number, counts))
        {
            throw new SiftingProtocolException("a SiftBlockClosed payload is malformed");
        }

        var total = counts.Sum();
        if (number != _nextBlock)
        {
            throw new SiftingProtocolException($"block {number} closed, block {_nextBlock} was expected");
        }

        if (total > _pending.Count)
        {
            throw new SiftingProtocolException($"block {number} closed with {total} bits, only {_pending.Count} slots were matched");
        }

        var entries = _pending.GetRange(0, total);
        var block = new LedgerBlock(number, entries) { HasBits = _bitsFromMatches };
        if (!block.ClosedCounts.SequenceEqual(counts))
        {
            throw new SiftingProtocolException(
                $"block {number} closed with {string.Join("/", counts)} bits per class, the matches give {string.Join("/", block.ClosedCounts)}");
        }

        _pending.RemoveRange(0, total);
        _blocks[number] = block;
        _nextBlock++;
        return block;
    }

    /// <summary>
    /// Takes out the sample a SiftEstimateSample discloses; returns the block, this side's bits at the sampled
    /// positions (the transmitter's reference) and counts errors against the disclosed ground bits when
    /// <paramref name="countErrors"/> (the transmitter's own count; the station has no bits yet).
    /// </summary>
    public (LedgerBlock Block, byte[] OwnBits) Sample(byte[] payload, bool countErrors)
    {
        if (!SiftEstimateSampleCodec.TryDecodeHeader(payload, 0, payload.Length, out _, out _, out var k))
        {
            throw new SiftingProtocolException("a SiftEstimateSample payload is malformed");
        }

        var positions = new int[k];
        var groundBits = new byte[k];
        if (!SiftEstimateSampleCodec.TryDecode(payload, 0, payload.Length, out var number, out var blockBits, positions, groundBits, out k))
        {
            throw new SiftingProtocolException("a SiftEstimateSample payload is malformed");
        }

        var block = Block(number);
        if (block is null || block.State != LedgerBlockState.Closed || block.Entries.Count != blockBits)
        {
            throw new SiftingProtocolException(block is null
                ? $"a sample of block {number}, which was never closed"
                : $"a sample of block {number} ({blockBits} bits) that holds {block.Entries.Count} bits in state {block.State}");
        }

        return (block, block.TakeSample(positions, groundBits, k, countErrors));
    }

    /// <summary>Applies a SiftEstimateResult: the block keeps all but its sample, or is discarded on an alarm.</summary>
    public (LedgerBlock Block, EstimateVerdict Verdict) Conclude(byte[] payload)
    {
        var sampled = new int[SiftCodes.CellCount];
        var errors = new int[SiftCodes.CellCount];
        if (!SiftEstimateResultCodec.TryDecode(payload, 0, payload.Length, out var number, out var verdict, out var threshold, sampled, errors))
        {
            throw new SiftingProtocolException("a SiftEstimateResult payload is malformed");
        }

        var block = Block(number);
        if (block is null || block.State is LedgerBlockState.Accepted or LedgerBlockState.Discarded)
        {
            throw new SiftingProtocolException(block is null
                ? $"a verdict on block {number}, which was never closed"
                : $"a second verdict on block {number}");
        }

        var accepted = verdict == SiftEstimateResultCodec.VerdictAccepted;
        block.Conclude(accepted);
        return (block, new EstimateVerdict(number, accepted, threshold, sampled, errors));
    }
}

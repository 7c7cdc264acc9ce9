using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Messages;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Transmitter;

/// <summary>
/// The transmitter's half of sifting (protocol/Sifting/README.md, protocol/PEER.md section 8.1): answers each relayed
/// announcement with the match mask and intensity classes from its record, keeps its own copy of every block in the
/// station's numbering (<see cref="SiftingLedger"/>), answers estimation samples with its bits and checks the station's
/// error counts against its own, and after every accepted block sends its test-basis (X) bits. Messages that contradict
/// its copy throw <see cref="SiftingProtocolException"/>.
/// </summary>
public sealed class TransmitterSifting(ITransmitterRecord record)
{
    public SiftingLedger Ledger { get; } = new();

    /// <summary>Any block's estimation raised the intrusion alarm.</summary>
    public bool AlarmSeen { get; private set; }

    /// <summary>Sampled and error counts per cell (class * 2 + basis) over every estimation, as this side counted them.</summary>
    public long[] Sampled { get; } = new long[SiftCodes.CellCount];

    public long[] Errors { get; } = new long[SiftCodes.CellCount];

    public long BlocksAccepted { get; private set; }

    /// <summary>Handles one relayed sifting message; false when <paramref name="message"/> is not a sifting message.</summary>
    public bool Handle(PeerMessage message, RoleOutput output)
    {
        switch (message.Type)
        {
            case PeerMessageType.SiftAnnounce:
                output.Peer(Answer(Ledger.Announce(message.Payload)));
                return true;
            case PeerMessageType.SiftBlockClosed:
                Ledger.Close(message.Payload);
                return true;
            case PeerMessageType.SiftEstimateSample:
                var (block, own) = Ledger.Sample(message.Payload, countErrors: true);
                var reply = new byte[2 * SiftWire.MaxVarintBytes + SiftWire.BitBytes(own.Length)];
                var length = SiftEstimateReferenceCodec.Encode(reply, 0, block.Number, own, own.Length);
                output.Peer(SiftingRelayCodec.Wrap(MessageType.SiftEstimateReference, reply[..length]));
                return true;
            case PeerMessageType.SiftEstimateResult:
                Conclude(message.Payload, output);
                return true;
            default:
                return false;
        }
    }

    private PeerMessage Answer(AnnouncedBatch batch)
    {
        var matches = new byte[batch.Count];
        var classes = new byte[batch.Count];
        var bits = new byte[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (!record.TryGet(batch.Slots[i], out var basis, out var bit, out var intensityClass))
            {
                classes[i] = SiftCodes.ClassNotSent;
                continue;
            }

            classes[i] = intensityClass;
            bits[i] = bit;
            matches[i] = basis == batch.Bases[i] ? (byte)1 : (byte)0;
        }

        Ledger.Matched(matches, classes, bits);
        var reply = new byte[SiftMatchCodec.Length(batch.Number, batch.Count)];
        SiftMatchCodec.Encode(reply, 0, batch.Number, matches, classes, batch.Count);
        return SiftingRelayCodec.Wrap(MessageType.SiftMatch, reply);
    }

    private void Conclude(byte[] payload, RoleOutput output)
    {
        var (block, verdict) = Ledger.Conclude(payload);
        if (!verdict.Sampled.SequenceEqual(block.OwnSampled) || !verdict.Errors.SequenceEqual(block.OwnErrors))
        {
            throw new SiftingProtocolException(
                $"block {block.Number}: the station counts {verdict.Errors.Sum()} errors in {verdict.Sampled.Sum()} sampled bits, " +
                $"this side {block.OwnErrors.Sum()} in {block.OwnSampled.Sum()}");
        }

        for (var cell = 0; cell < SiftCodes.CellCount; cell++)
        {
            Sampled[cell] += block.OwnSampled[cell];
            Errors[cell] += block.OwnErrors[cell];
        }

        if (!verdict.Accepted)
        {
            AlarmSeen = true;
            return;
        }

        BlocksAccepted++;
        output.Peer(TestBasisBitsCodec.Encode(TestBasis.Of(block)));
    }
}

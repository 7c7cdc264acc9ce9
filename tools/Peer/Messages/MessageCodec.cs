using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>What every codec shares: the type check and turning a record's own validation into a format error.</summary>
internal static class MessageCodec
{
    public static WireReader Reader(PeerMessage message, PeerMessageType expected)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != expected)
        {
            throw new PeerFormatException($"{expected}: got a {message.Type} message.");
        }

        return new WireReader(message.Payload, expected.ToString());
    }

    /// <summary>Runs a record's Validate (ArgumentException) and reports a failure as a format error.</summary>
    public static T Validated<T>(T record, Action<T> validate, PeerMessageType type)
    {
        try
        {
            validate(record);
            return record;
        }
        catch (ArgumentException e)
        {
            throw new PeerFormatException($"{type}: {e.Message}");
        }
    }

    public static int Count(ref WireReader r, string field, int bytesPerItem, int max = int.MaxValue)
    {
        var count = r.U32(field);
        if (count > (uint)max || (long)count * bytesPerItem > r.Remaining)
        {
            throw r.Fail($"{field} {count} does not fit the payload");
        }

        return (int)count;
    }
}

using GroundStation.Host.Link;
using GroundStation.Protocol;

namespace GroundStation.Host.Drivers;

/// <summary>A device on the serial link (a real port or the simulation board's pty) as the station's firmware endpoint.</summary>
public sealed class LinkFirmware(Func<LinkClient> client) : IFirmwareEndpoint
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    public LinkFirmware(LinkClient client)
        : this(() => client)
    {
    }

    public bool TrySend(MessageType type, byte[] payload) => client().SendReliable(type, payload);

    /// <exception cref="LinkException">the device does not answer, or refuses.</exception>
    public SiftingCounters ReadCounters()
    {
        var reply = client().Execute("SIFT:STAT?", CommandTimeout);
        if (!reply.Ok)
        {
            throw new LinkException(LinkErrorKind.IoError, $"SIFT:STAT? refused: {reply.Text}");
        }

        return SiftingCounters.Parse(reply.Text);
    }

    public void Poll(Action<MessageType, byte[]> deliver)
    {
    }

    /// <summary>True for the firmware messages the station's sifting handles (0x40-0x5F).</summary>
    public static bool IsSifting(MessageType type) => (int)type is >= 0x40 and <= 0x5F;
}

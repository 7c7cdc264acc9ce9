using GroundStation.Protocol;

namespace GroundStation.Gsctl.Satellite;

/// <summary>One sifting message as the link carries it: id and opaque payload. ToString shows the size only.</summary>
public sealed record SiftingMessage(MessageType Type, byte[] Payload)
{
    public override string ToString() => $"{Type} ({Payload.Length} bytes)";
}

using GroundStation.Protocol;

namespace GroundStation.Host.Sifting;

/// <summary>One sifting message as the link carries it: id and opaque payload. ToString shows the size only.</summary>
public sealed record SiftingMessage(MessageType Type, byte[] Payload)
{
    public override string ToString() => $"{Type} ({Payload.Length} bytes)";
}

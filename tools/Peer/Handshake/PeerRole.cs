namespace GroundStation.Peer.Handshake;

/// <summary>Which end of the quantum link a side is. The roles are independent of who opens the TCP connection.</summary>
public enum PeerRole : byte
{
    /// <summary>The ground station's host (Bob: receives the photons, corrects its key).</summary>
    Station = 1,

    /// <summary>The transmitter side: a bench transmitter's computer or a satellite operator's ground segment (Alice).</summary>
    Transmitter = 2,
}

/// <summary>The direction of a frame; part of every MAC input and of the pad schedule.</summary>
public enum PeerDirection : byte
{
    StationToTransmitter = 0,
    TransmitterToStation = 1,
}

public static class PeerRoles
{
    public static PeerRole Other(this PeerRole role) => role == PeerRole.Station ? PeerRole.Transmitter : PeerRole.Station;

    /// <summary>The direction of the frames this role sends.</summary>
    public static PeerDirection Sending(this PeerRole role) =>
        role == PeerRole.Station ? PeerDirection.StationToTransmitter : PeerDirection.TransmitterToStation;

    public static string Name(this PeerRole role) => role == PeerRole.Station ? "station" : "transmitter";
}

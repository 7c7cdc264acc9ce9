using GroundStation.Peer.Handshake;

namespace GroundStation.Host.Drivers;

/// <summary>What the station proposes for its peer sessions beyond the library's defaults.</summary>
public static class StationSessionDefaults
{
    /// <summary>
    /// The pad epoch B the station proposes (the smaller proposal is agreed): a session reserves its pool in epochs of
    /// B frames per direction, so up to B frames' pads are wasted at its end. A post-pass session has tens of frames
    /// (B = 16 wastes at most 4 kbit); a live one tens of thousands (B = 256 keeps the usage file's writes to one per
    /// 256 frames).
    /// </summary>
    public static int EpochFrames(PeerOperation operation) => operation == PeerOperation.PostPass ? 16 : 256;
}

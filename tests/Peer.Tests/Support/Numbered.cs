using GroundStation.Peer.Messages;

namespace GroundStation.Tests.Peer.Support;

/// <summary>Test traffic: KeyCommit messages (either role may send them) whose key id carries a running number.</summary>
internal static class Numbered
{
    public static PeerMessage Message(int index, int padding = 0) =>
        KeyCommitCodec.Encode(new KeyCommit($"n{index}:{new string('x', padding % 50)}", index));

    public static int Index(PeerMessage message) => (int)KeyCommitCodec.Decode(message).KeyBits;
}

using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Authentication;

/// <summary>Refuses a (direction, counter) used before or out of order: the last line of defence against pad reuse.</summary>
internal sealed class CounterGuard
{
    private readonly long[] _next = new long[2];

    public void Use(PeerDirection direction, long counter)
    {
        var d = (int)direction;
        if (counter != _next[d])
        {
            throw new InvalidOperationException($"Frame counter {counter} of direction {direction} used out of order (next is {_next[d]}): a pad is never used twice.");
        }

        _next[d]++;
    }
}

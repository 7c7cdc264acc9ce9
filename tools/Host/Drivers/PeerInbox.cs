using System.Collections.Concurrent;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;

namespace GroundStation.Host.Drivers;

/// <summary>
/// Reads a peer session's messages on a background task into a queue, so a driver can take everything that has
/// arrived, act on it as one burst and flush its replies once (one frame, one authentication tag, per burst).
/// </summary>
internal sealed class PeerInbox
{
    private readonly ConcurrentQueue<PeerMessage> _messages = new();
    private readonly SemaphoreSlim _arrived;
    private readonly Task _reader;

    public PeerInbox(PeerSession session, SemaphoreSlim arrived, CancellationToken cancel)
    {
        _arrived = arrived;
        _reader = Task.Run(async () =>
        {
            try
            {
                while (await session.ReceiveAsync(cancel).ConfigureAwait(false) is { } message)
                {
                    _messages.Enqueue(message);
                    _arrived.Release();
                }
            }
            finally
            {
                _arrived.Release();
            }
        }, CancellationToken.None);
    }

    /// <summary>The reader stopped: the peer closed, the session failed (<see cref="ThrowIfFailed"/>) or the driver was cancelled.</summary>
    public bool Ended => _reader.IsCompleted;

    public bool TryTake(out PeerMessage message) => _messages.TryDequeue(out message!);

    /// <summary>Rethrows the session's failure (a <see cref="PeerSessionException"/>) once the reader saw it.</summary>
    public void ThrowIfFailed()
    {
        if (_reader.IsFaulted)
        {
            throw _reader.Exception!.InnerException!;
        }
    }
}

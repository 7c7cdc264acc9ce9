using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Session;

namespace GroundStation.Host.Drivers;

/// <summary>
/// Runs a <see cref="TransmitterRole"/> over one peer session: takes every message that has arrived, answers them as
/// one burst (one flush), until the role committed the final key; then closes. The session's outcome decides what
/// may be kept: <see cref="RunAsync"/> returns only when the session completed, and throws
/// <see cref="PeerSessionException"/> otherwise (a contradiction found by the role is sent to the station as a
/// protocol violation first).
/// </summary>
public static class TransmitterDriver
{
    public static async Task RunAsync(PeerSession session, TransmitterRole role, CancellationToken cancel = default)
    {
        using var arrived = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var inbox = new PeerInbox(session, arrived, stop.Token);
        try
        {
            await RoleSender.SendToPeerAsync(role.Output, session, cancel).ConfigureAwait(false);
            while (!role.Done)
            {
                var handled = false;
                while (inbox.TryTake(out var message))
                {
                    role.FromPeer(message);
                    handled = true;
                }

                await RoleSender.SendToPeerAsync(role.Output, session, cancel).ConfigureAwait(false);
                if (role.Done)
                {
                    break;
                }

                if (!handled)
                {
                    inbox.ThrowIfFailed();
                    if (inbox.Ended)
                    {
                        throw new PeerSessionException(PeerErrorCode.ConnectionLost, "connection lost: the station closed the session before the key was committed");
                    }

                    await arrived.WaitAsync(cancel).ConfigureAwait(false);
                }
            }

            await session.CloseAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (RoleSender.IsContradiction(e))
        {
            await session.AbortAsync(RoleSender.OneLine(e), PeerErrorCode.ProtocolViolation).ConfigureAwait(false);
            await session.Completion.ConfigureAwait(false); // throws the failure
            throw;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await session.AbortAsync("the transmitter side was stopped").ConfigureAwait(false);
            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}

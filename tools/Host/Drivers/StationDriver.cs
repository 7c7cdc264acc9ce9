using System.Collections.Concurrent;
using System.Diagnostics;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Session;
using GroundStation.Protocol;

namespace GroundStation.Host.Drivers;

/// <summary>
/// Runs a <see cref="StationRole"/> between the firmware (<see cref="IFirmwareEndpoint"/>) and the transmitter (a peer
/// session): relays as it arrives, answers each burst with one flush (the firmware keeps only a few announcements in
/// flight, so answers must come promptly), ends sifting when the pass is over, confirms the firmware's counters,
/// post-processes, and closes. <see cref="RunAsync"/> returns once the session completed (the role's keys may be kept
/// then) and throws <see cref="PeerSessionException"/> otherwise; a contradiction the role found goes to the
/// transmitter as a protocol violation first. Without a session (a post-pass recording, whose role answers the
/// firmware itself) it returns once sifting settled.
/// </summary>
public sealed class StationDriver(PeerSession? session, StationRole role, IFirmwareEndpoint firmware)
{
    /// <summary>The firmware's counters are read at most this often while waiting for sifting to settle.</summary>
    private static readonly TimeSpan CounterPeriod = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<(MessageType Type, byte[] Payload)> _fromFirmware = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Queue<SiftingMessage> _unsent = new();

    /// <summary>Time from the end of the pass until sifting must have settled (the firmware flushed and everything was answered).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public StationRole Role => role;

    /// <summary>A message from the firmware (any thread, e.g. the link's pump thread); non-sifting types are ignored.</summary>
    public void PostFromFirmware(MessageType type, ReadOnlySpan<byte> payload)
    {
        if (LinkFirmware.IsSifting(type))
        {
            _fromFirmware.Enqueue((type, payload.ToArray()));
            _arrived.Release();
        }
    }

    /// <summary>Wakes the driver (e.g. when the pass ended), so it does not wait for its next poll.</summary>
    public void Wake() => _arrived.Release();

    /// <summary>
    /// Runs the pass: relays until <paramref name="passEnded"/> says the pass is over, then flushes, settles,
    /// post-processes and closes. Progress of the pipeline goes to <paramref name="status"/>.
    /// </summary>
    public async Task RunAsync(Func<bool> passEnded, CancellationToken cancel = default, Action<string>? status = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var inbox = session is null ? null : new PeerInbox(session, _arrived, stop.Token);
        var lastCounters = Stopwatch.StartNew();
        Stopwatch? settling = null;
        var agreedOnce = false;
        var settledAndAgreed = false;
        bool Finished() => session is null ? settledAndAgreed : role.Done;
        try
        {
            while (!Finished())
            {
                var busy = Drain(inbox);
                if (!role.Sifting.FlushRequested && passEnded())
                {
                    role.EndPass();
                    settling = Stopwatch.StartNew();
                    status?.Invoke("flushing sifting");
                    busy = true;
                }

                if (settling is not null && !settledAndAgreed && role.Sifting.Settled && lastCounters.Elapsed >= CounterPeriod)
                {
                    // A last announcement may still be in the firmware's queue: its counters must agree twice in a row.
                    lastCounters.Restart();
                    var counters = await Task.Run(firmware.ReadCounters, cancel).ConfigureAwait(false);
                    var agrees = role.Sifting.AgreesWith(counters.SiftedBits, counters.BlocksClosed);
                    settledAndAgreed = agrees && agreedOnce;
                    agreedOnce = agrees;
                }

                if (settledAndAgreed && session is not null && !role.Distillation.Started && role.TryStartDistillation(true))
                {
                    status?.Invoke("post-processing");
                    busy = true;
                }

                if (settling is not null && !settledAndAgreed && settling.Elapsed > SettleTimeout)
                {
                    throw new SiftingProtocolException(
                        $"sifting did not settle within {SettleTimeout.TotalSeconds:0} s of the pass end ({role.Sifting.Ledger.BatchesAwaitingMatch} announcements unanswered, " +
                        $"{role.Sifting.Ledger.PendingEntries} matched bits outside a closed block{(role.Source is null ? ", no source parameters from the transmitter" : "")})");
                }

                if (session is not null)
                {
                    busy |= await RoleSender.SendToPeerAsync(role.Output, session, cancel).ConfigureAwait(false);
                }

                busy |= SendToFirmware();
                if (Finished())
                {
                    break;
                }

                if (!busy && inbox is not null)
                {
                    inbox.ThrowIfFailed();
                    if (inbox.Ended && !cancel.IsCancellationRequested)
                    {
                        throw new PeerSessionException(PeerErrorCode.ConnectionLost, "connection lost: the transmitter closed the session before the key was committed");
                    }

                }

                if (!busy)
                {
                    await _arrived.WaitAsync(_unsent.Count > 0 || settling is not null ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromMilliseconds(20), cancel)
                        .ConfigureAwait(false);
                }
            }

            if (session is not null)
            {
                status?.Invoke("closing the session");
                await session.CloseAsync(cancel).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (session is not null && RoleSender.IsContradiction(e))
        {
            await session.AbortAsync(RoleSender.OneLine(e), PeerErrorCode.ProtocolViolation).ConfigureAwait(false);
            await session.Completion.ConfigureAwait(false); // throws the failure
            throw;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            if (session is not null)
            {
                await session.AbortAsync("the station stopped the pass").ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands every message that arrived to the role; true when there was any.</summary>
    private bool Drain(PeerInbox? inbox)
    {
        var any = false;
        firmware.Poll((type, payload) => _fromFirmware.Enqueue((type, payload)));
        while (_fromFirmware.TryDequeue(out var fromFirmware))
        {
            role.FromFirmware(fromFirmware.Type, fromFirmware.Payload);
            any = true;
        }

        while (inbox is not null && inbox.TryTake(out var message))
        {
            role.FromPeer(message);
            any = true;
        }

        return any;
    }

    /// <summary>Sends the role's messages for the firmware in order, as far as its link accepts them.</summary>
    private bool SendToFirmware()
    {
        while (role.Output.ToFirmware.TryDequeue(out var message))
        {
            _unsent.Enqueue(message);
        }

        var sent = false;
        while (_unsent.TryPeek(out var next) && firmware.TrySend(next.Type, next.Payload))
        {
            _unsent.Dequeue();
            sent = true;
        }

        return sent;
    }
}

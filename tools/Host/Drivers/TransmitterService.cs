using System.Net;
using GroundStation.Host.Distillation;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.Host.Drivers;

/// <summary>What the transmitter side got out of a pass: the report and, when there is one, the final key.</summary>
public sealed record TransmitterOutcome(PeerSessionInfo Session, PeerCounters Counters, IReadOnlyList<LedgerBlock> Blocks, DistillationReport Report,
    BitString? FinalKey, BitString? AuthSegment)
{
    public override string ToString() => $"TransmitterOutcome {Report.KeyId} ({Report.SecretKeyBits} secret bits, key redacted)";
}

/// <summary>
/// The transmitter side's reference implementation over TCP (protocol/PEER.md), as `gsctl peer` runs it and as the
/// satellite of `gsctl sim` meets the station: listens, answers the station's handshake, and serves one pass from a
/// transmitter record (<see cref="ITransmitterRecord"/>) with a <see cref="TransmitterRole"/>. A pass is served once:
/// a session that failed after sifting began burns the pass (its raw key was partly disclosed; a second attempt would
/// disclose more of the same bits), so <see cref="ServeAsync"/> then throws; a session that failed before any sifting
/// message (a wrong key at the Confirm, a station that gave up) leaves the pass untouched and the next one is served.
/// </summary>
public sealed class TransmitterService : IAsyncDisposable
{
    private readonly PeerListener _listener;
    private readonly ITransmitterRecord _record;
    private readonly SourceParameters _source;
    private readonly DistillationSettings _settings;
    private volatile bool _busy;

    private TransmitterService(PeerListener listener, ITransmitterRecord record, SourceParameters source, DistillationSettings settings)
    {
        _listener = listener;
        _record = record;
        _source = source;
        _settings = settings;
        _listener.HandshakeFailed += (_, line) => Log?.Invoke(line);
    }

    /// <summary>One line per refused handshake or failed session attempt (never key material).</summary>
    public event Action<string>? Log;

    public IPEndPoint LocalEndpoint => _listener.LocalEndpoint!;

    /// <param name="options">The transmitter's session options (role transmitter, its id, the pass id or "" to adopt
    /// the station's, credentials, timings).</param>
    /// <param name="settings">Epsilons and the source's P(Z); reconciliation and frame size come from the station's Hello.</param>
    public static TransmitterService Listen(IPEndPoint endpoint, PeerSessionOptions options, ITransmitterRecord record,
        SourceParameters source, DistillationSettings settings)
    {
        if (options.Role != PeerRole.Transmitter)
        {
            throw new ArgumentException("The transmitter service runs the transmitter role.", nameof(options));
        }

        TransmitterService? service = null;
        var listener = PeerListener.ListenTcp(endpoint, options, _ => service is { _busy: true } ? HandshakeStatus.SessionBusy : HandshakeStatus.Accepted);
        service = new TransmitterService(listener, record, source, settings);
        return service;
    }

    /// <summary>
    /// Serves sessions until one completes (returns its outcome; keep the keys now) or one fails after sifting began
    /// (throws its <see cref="PeerSessionException"/>: nothing kept, the pass is burned).
    /// </summary>
    public async Task<TransmitterOutcome> ServeAsync(Action<PeerSession>? started = null, CancellationToken cancel = default)
    {
        while (true)
        {
            var session = await _listener.AcceptAsync(cancel).ConfigureAwait(false);
            _busy = true;
            var info = session.Info!;
            var role = new TransmitterRole(_record, _source, _settings with { Reconciliation = info.Reconciliation, FrameBits = info.FrameBits },
                KeyIds.For(info.PassId, info.SessionId), () => session.Counters.KeyBitsReserved);
            started?.Invoke(session);
            try
            {
                await TransmitterDriver.RunAsync(session, role, cancel).ConfigureAwait(false);
                var d = role.Distillation;
                var blocks = role.Sifting.Ledger.Blocks.Where(b => b.State == LedgerBlockState.Accepted).ToList();
                return new TransmitterOutcome(info, session.Counters, blocks, d.Report(), d.FinalKey, d.AuthSegment);
            }
            catch (PeerSessionException e) when (!role.Engaged)
            {
                Log?.Invoke($"session {info.SessionId:X16} failed before sifting began, the pass is untouched: {e.Message}");
            }
            catch (Exception e) when (e is not (PeerSessionException or OperationCanceledException))
            {
                // A fault of this side: the station is told what, not just that the session went away.
                await session.AbortAsync($"the transmitter side failed: {RoleSender.OneLine(e)}").ConfigureAwait(false);
                throw;
            }
            finally
            {
                _busy = false;
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

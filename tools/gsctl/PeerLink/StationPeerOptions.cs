using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Host.Distillation;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Gsctl.PeerLink;

/// <summary>Everything the station needs to open its session with the transmitter.</summary>
internal sealed record StationPeerPlan(PeerAddress Address, PeerSessionOptions Options, DistillationSettings Settings, AuthenticationKeyPool? Pool)
    : IDisposable
{
    /// <summary>Connects (the station is the TCP client; later drops are resumed). Throws <see cref="PeerSessionException"/>.</summary>
    public Task<PeerSession> ConnectAsync(PeerOperation operation, CancellationToken cancel) =>
        PeerSession.ConnectTcpAsync(Options with { Operation = operation }, Address.Host, Address.Port, cancel);

    public void Dispose() => Pool?.Dispose();
}

/// <summary>
/// The station's peer-link options of `gsctl record` and `gsctl postprocess`: `--peer HOST:PORT`, the identities
/// (station, transmitter, pass: the transmitter refuses a pass it holds no record of), `--reconciliation` and the
/// credentials (<see cref="PeerCredentialOptions"/>).
/// </summary>
internal sealed class StationPeerOptions
{
    public Option<string?> Peer { get; } = new("--peer") { Description = "The transmitter side's peer link, HOST:PORT (e.g. where `gsctl peer` listens)." };

    public Option<string> StationId { get; } = new("--station-id")
    {
        Description = "This station's id on the peer link (default: the host name).", DefaultValueFactory = _ => Environment.MachineName,
    };

    public Option<string> TransmitterId { get; } = new("--transmitter-id")
    {
        Description = "The transmitter's id (it refuses another one; default 'transmitter').", DefaultValueFactory = _ => "transmitter",
    };

    public Option<string?> PassId { get; } = new("--pass-id") { Description = "The pass's id as the transmitter knows it (its record's pass id)." };

    public Option<string> Reconciliation { get; } = PeerChoices.ReconciliationOption();

    public Option<double> ReceiverZ { get; } = new Option<double>("--receiver-z")
    {
        Description = "Probability the receiver measures in Z (passive 50/50 splitter: 0.5), for the finite-key report.",
        DefaultValueFactory = _ => 0.5,
    }.InRange(0.01, 0.99);

    public PeerCredentialOptions Credentials { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Peer);
        command.Options.Add(StationId);
        command.Options.Add(TransmitterId);
        command.Options.Add(PassId);
        command.Options.Add(Reconciliation);
        command.Options.Add(ReceiverZ);
        Credentials.AddTo(command);
    }

    /// <summary>The plan, or null without --peer. Bad values are one line, exit 2.</summary>
    public StationPeerPlan? Plan(ParseResult parse, string defaultPassId)
    {
        if (parse.GetValue(Peer) is not { } peer)
        {
            return null;
        }

        var address = PeerAddress.Parse("--peer", peer);
        var ids = new[] { ("--station-id", parse.GetValue(StationId)!), ("--transmitter-id", parse.GetValue(TransmitterId)!),
            ("--pass-id", parse.GetValue(PassId) ?? defaultPassId) };
        foreach (var (name, value) in ids)
        {
            if (value.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(value) > 64)
            {
                throw new UserError($"{name} must be 1 to 64 bytes, not '{value}'", ExitCodes.Usage);
            }
        }

        var settings = new DistillationSettings
        {
            Reconciliation = PeerChoices.Reconciliation(parse.GetValue(Reconciliation)!), ReceiverZProbability = parse.GetValue(ReceiverZ),
        };
        var (credentials, pool) = Credentials.Load(parse);
        var options = new PeerSessionOptions
        {
            Role = PeerRole.Station, StationId = ids[0].Item2, TransmitterId = ids[1].Item2, PassId = ids[2].Item2,
            Credentials = credentials, Reconciliation = settings.Reconciliation, FrameBits = settings.FrameBits,
        };
        return new StationPeerPlan(address, options, settings, pool);
    }
}

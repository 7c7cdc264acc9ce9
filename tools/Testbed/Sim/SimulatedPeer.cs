using System.Net;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.Simulator.Events;

namespace GroundStation.Testbed.Sim;

/// <summary>How the two sides of a simulated pass talk: authentication mode and error-correction method.</summary>
public sealed record SimPeerOptions
{
    public AuthenticationMode Authentication { get; init; } = AuthenticationMode.InformationTheoreticWegmanCarter;

    public ReconciliationMethod Reconciliation { get; init; } = ReconciliationMethod.Ldpc;

    /// <summary>
    /// Post-pass (default): the station answers the firmware itself during the pass and sifts the kept detections with
    /// the satellite right after it, in few large frames. Live: the firmware's sifting is relayed to the satellite as it
    /// happens, one frame per announcement round trip (each costs 256 pool bits in the information-theoretic mode).
    /// </summary>
    public PeerOperation Operation { get; init; } = PeerOperation.PostPass;

    public string StationId { get; init; } = "sim-station";

    public string TransmitterId { get; init; } = "sim-satellite";
}

/// <summary>
/// The satellite of a simulated pass as a peer on loopback TCP: the transmitter side's reference implementation
/// (<see cref="TransmitterService"/>, what `gsctl peer` runs) serving the pass simulator's record of what was sent, and
/// the station's session connected to it, each side with its own copy of a fresh simulated pre-shared key
/// (<see cref="SimulatedCredentials"/>). The same code path a real transmitter meets.
/// </summary>
public sealed class SimulatedPeer : IAsyncDisposable
{
    private readonly SimulatedCredentials _credentials;
    private readonly TransmitterService _service;

    private SimulatedPeer(SimulatedCredentials credentials, TransmitterService service, Task<TransmitterOutcome> transmitter,
        PeerSession station, SimPeerOptions options, DistillationSettings settings)
    {
        _credentials = credentials;
        _service = service;
        Transmitter = transmitter;
        Station = station;
        Options = options;
        Settings = settings;
    }

    public SimPeerOptions Options { get; }

    public DistillationSettings Settings { get; }

    /// <summary>The station's session to the transmitter.</summary>
    public PeerSession Station { get; }

    /// <summary>Completes with the transmitter's outcome when its session completed (faults otherwise).</summary>
    public Task<TransmitterOutcome> Transmitter { get; }

    /// <summary>Pool bits of each side at the start (0 in the computational mode).</summary>
    public long PoolBits => _credentials.PoolBits;

    /// <summary>Lines the transmitter side logged (refused handshakes, failed attempts).</summary>
    public List<string> TransmitterLog { get; } = new();

    public static string PassIdFor(ulong seed) => $"sim-seed{seed}";

    public static async Task<SimulatedPeer> StartAsync(PassSimulator sim, SimPeerOptions options, PeerOperation operation,
        CancellationToken cancel = default)
    {
        var credentials = new SimulatedCredentials(options.Authentication);
        TransmitterService? service = null;
        try
        {
            var source = new SourceParameters(sim.Config.Source.Intensities, sim.Config.Source.IntensityProbabilities, sim.Config.Source.ZBasisProbability);
            var passId = PassIdFor(sim.Seed);
            var transmitterOptions = new PeerSessionOptions
            {
                Role = PeerRole.Transmitter, StationId = "", TransmitterId = options.TransmitterId, PassId = passId,
                Credentials = credentials.Transmitter,
            };
            service = TransmitterService.Listen(new IPEndPoint(IPAddress.Loopback, 0), transmitterOptions,
                new SimulatedSatelliteRecord(sim.Satellite), source,
                new DistillationSettings { Random = SeededPassRandomness.For(sim.Seed, "transmitter") });
            var transmitter = service.ServeAsync(cancel: cancel);
            var settings = new DistillationSettings
            {
                Reconciliation = options.Reconciliation, ReceiverZProbability = sim.Config.Receiver.ZBasisSplitRatio,
                Random = SeededPassRandomness.For(sim.Seed, "station"),
            };
            var stationOptions = new PeerSessionOptions
            {
                Role = PeerRole.Station, StationId = options.StationId, TransmitterId = options.TransmitterId, PassId = passId,
                Credentials = credentials.Station, Operation = operation, Reconciliation = options.Reconciliation, FrameBits = settings.FrameBits,
                EpochFrames = StationSessionDefaults.EpochFrames(operation), SessionId = SeededPassRandomness.SessionId(sim.Seed),
            };
            var station = await PeerSession.ConnectTcpAsync(stationOptions, "127.0.0.1", service.LocalEndpoint.Port, cancel).ConfigureAwait(false);
            var peer = new SimulatedPeer(credentials, service, transmitter, station, options, settings);
            service.Log += line =>
            {
                lock (peer.TransmitterLog)
                {
                    peer.TransmitterLog.Add(line);
                }
            };
            return peer;
        }
        catch
        {
            if (service is not null)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }

            credentials.Dispose();
            throw;
        }
    }

    /// <summary>The station's role for this session (its key id from the pass and the session id).</summary>
    public StationRole CreateStationRole(EstimationPolicy policy) =>
        new(policy, Settings, KeyIds.For(Station.Info!.PassId, Station.SessionId), () => Station.Counters.KeyBitsReserved);

    public async ValueTask DisposeAsync()
    {
        await Station.DisposeAsync().ConfigureAwait(false);
        await _service.DisposeAsync().ConfigureAwait(false);
        _credentials.Dispose();
    }
}

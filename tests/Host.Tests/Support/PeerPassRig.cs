using System.Net;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.Testbed.Satellite;
using GroundStation.Tests.Peer.Support;

namespace GroundStation.Tests.Host.Support;

/// <summary>
/// A post-pass session of the product's two roles over loopback TCP: the transmitter side's service (what `gsctl peer`
/// runs) serving a seeded record, and the station replaying detections generated against that record through the
/// firmware's ground sifter (<see cref="PostPassReplay"/>), optionally through a man in the middle.
/// </summary>
internal sealed class PeerPassRig : IAsyncDisposable
{
    public static readonly SourceParameters Source = new([0.8, 0.1, 0.0], [0.5, 0.25, 0.25], 0.5);

    private readonly TestKeys _keys = new(poolBytes: 1 << 20);
    private readonly TestKeys? _otherKeys;
    private readonly SeededSatelliteRecord _record = new(11);
    private readonly TransmitterService _service;

    public PeerPassRig(bool wrongStationKey = false)
    {
        _otherKeys = wrongStationKey ? new TestKeys(poolBytes: 1 << 20) : null;
        _service = TransmitterService.Listen(new IPEndPoint(IPAddress.Loopback, 0), TestOptions.Transmitter(_keys.Its(station: false)), _record,
            Source, new DistillationSettings());
        _service.Log += line =>
        {
            lock (TransmitterLog)
            {
                TransmitterLog.Add(line);
            }
        };
        Transmitter = _service.ServeAsync();
    }

    public Task<TransmitterOutcome> Transmitter { get; }

    public List<string> TransmitterLog { get; } = new();

    public TcpProxy? Proxy { get; private set; }

    public TcpProxy AddProxy() => Proxy = new TcpProxy(_service.LocalEndpoint);

    /// <summary>Detections of a seeded stream against the record with <paramref name="qber"/> (slot, basis, bit).</summary>
    public List<SiftedEntry> Detections(int count, double qber)
    {
        var generator = new DetectionStreamGenerator(12, _record) { ErrorRate = qber, MeanSlotGap = 1000 };
        var slots = new long[count];
        var channels = new byte[count];
        generator.Fill(slots, channels, count, 0, out var n);
        return Enumerable.Range(0, n).Select(i => new SiftedEntry(slots[i], (byte)(channels[i] / 2), 0, (byte)(channels[i] % 2))).ToList();
    }

    /// <summary>Connects the station (through the proxy when there is one) and runs the post-pass session to its end.</summary>
    public async Task<StationRole> RunStationAsync(IReadOnlyList<SiftedEntry> detections)
    {
        var settings = new DistillationSettings { Reconciliation = ReconciliationMethod.Ldpc };
        var options = TestOptions.Station((_otherKeys ?? _keys).Its(station: true)) with
        {
            Operation = PeerOperation.PostPass, Reconciliation = settings.Reconciliation, FrameBits = settings.FrameBits,
            EpochFrames = StationSessionDefaults.EpochFrames(PeerOperation.PostPass),
        };
        var port = Proxy?.Port ?? _service.LocalEndpoint.Port;
        await using var session = await PeerSession.ConnectTcpAsync(options, "127.0.0.1", port);
        var role = await PostPassReplay.RunAsync(detections, session, settings);
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return role;
    }

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await _service.DisposeAsync();
        _keys.Dispose();
        _otherKeys?.Dispose();
    }
}

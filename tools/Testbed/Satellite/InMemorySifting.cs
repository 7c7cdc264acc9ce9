using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Host.Transmitter;
using GroundStation.Protocol;

namespace GroundStation.Testbed.Satellite;

/// <summary>
/// The product's two non-firmware halves of sifting wired together in memory, no peer link between them: the station
/// (<see cref="StationSifting"/>) relays the firmware's messages to the transmitter (<see cref="TransmitterSifting"/>)
/// and its replies back, exactly the messages the peer link would carry. For tests and benchmarks that exercise the
/// firmware against the real host role. A contradiction either side finds is recorded in <see cref="ProtocolErrors"/>
/// (where a real session would end).
/// </summary>
public sealed class InMemorySifting(EstimationPolicy policy, ITransmitterRecord record)
{
    private readonly RoleOutput _station = new();
    private readonly RoleOutput _transmitter = new();

    public StationSifting Station { get; } = new(policy);

    public TransmitterSifting Transmitter { get; } = new(record);

    /// <summary>One line per contradiction found (should stay empty).</summary>
    public List<string> ProtocolErrors { get; } = new();

    /// <summary>A message from the firmware; whatever the firmware must receive in answer is appended to <paramref name="toFirmware"/>.</summary>
    public void FromFirmware(MessageType type, byte[] payload, Queue<SiftingMessage> toFirmware)
    {
        try
        {
            Station.FromFirmware(type, payload, _station);
            while (_station.ToPeer.TryDequeue(out var toTransmitter))
            {
                Transmitter.Handle(toTransmitter, _transmitter);
                while (_transmitter.ToPeer.TryDequeue(out var toStation))
                {
                    Station.FromPeer(toStation, _station);
                }
            }
        }
        catch (SiftingProtocolException e)
        {
            ProtocolErrors.Add(e.Message);
            _station.ToPeer.Clear();
            _transmitter.ToPeer.Clear();
        }

        while (_station.ToFirmware.TryDequeue(out var message))
        {
            toFirmware.Enqueue(message);
        }
    }

    /// <summary>End of the pass: the station's SiftFlush, appended to <paramref name="toFirmware"/>.</summary>
    public void EndPass(Queue<SiftingMessage> toFirmware)
    {
        Station.EndPass(_station);
        while (_station.ToFirmware.TryDequeue(out var message))
        {
            toFirmware.Enqueue(message);
        }
    }
}

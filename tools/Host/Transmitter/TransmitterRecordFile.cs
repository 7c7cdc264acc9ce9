using GroundStation.Peer.Messages;
using GroundStation.Peer.TransmitterRecord;

namespace GroundStation.Host.Transmitter;

/// <summary>A transmitter record file (protocol/TRANSMITTER_RECORD.md) as the transmitter side reads it.</summary>
public sealed class TransmitterRecordFile : ITransmitterRecord, IDisposable
{
    private readonly TransmitterRecordReader _reader;

    /// <exception cref="PeerFormatException">damaged, cut or foreign file (the message names the byte).</exception>
    public TransmitterRecordFile(string path, double zBasisProbability = DefaultZBasisProbability)
    {
        _reader = new TransmitterRecordReader(path);
        var h = _reader.Header;
        Source = new SourceParameters(h.Intensities.ToArray(), h.ClassProbabilities.ToArray(), zBasisProbability);
    }

    /// <summary>The record holds no basis probability: BB84 with equal bases unless the operator says otherwise.</summary>
    public const double DefaultZBasisProbability = 0.5;

    public SourceParameters Source { get; }

    public string TransmitterId => _reader.Header.TransmitterId;

    public string PassId => _reader.Header.PassId;

    public long SlotsSent => _reader.SlotsSent;

    public bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass) =>
        _reader.TryGet(slot, out basis, out bit, out intensityClass);

    public void Dispose() => _reader.Dispose();
}

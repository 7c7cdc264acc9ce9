using System.Collections.Concurrent;
using GroundStation.Gsctl.Formats;
using GroundStation.Gsctl.Link;
using GroundStation.Protocol;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Records a device's sifted key stream: SiftedBlock messages arrive through <see cref="LinkClient.Received"/> on the
/// link's pump thread, are copied into a queue, and are written by the caller's thread with <see cref="RecordingWriter"/>
/// (so a slow disk never stalls the link). <see cref="Run"/> ends with the manifest; on a failure the directory keeps
/// what arrived but gets no manifest, which `gsctl record verify` reports as incomplete. A cable pull does not end
/// the recording: <see cref="ResumingLink"/> re-opens the port and resumes the session, and the device resends
/// what had not been delivered, so the key stream has no gap.
/// </summary>
internal sealed class DeviceRecorder(ResumingLink link, string directory)
{
    private readonly BlockingCollection<byte[]> _payloads = new();

    public long DeviceBlocks { get; private set; }

    public long MalformedPayloads { get; private set; }

    /// <summary>Records until <paramref name="stop"/> is cancelled; reports progress after each written block.</summary>
    public RecordingManifest Run(CancellationToken stop, Action<RecordingWriter>? progress = null)
    {
        using var writer = new RecordingWriter(directory, []);
        link.Received = (type, payload) =>
        {
            if (type == MessageType.SiftedBlock)
            {
                _payloads.Add(payload.ToArray());
            }
        };
        try
        {
            while (!stop.IsCancellationRequested)
            {
                link.EnsureAlive();
                if (_payloads.TryTake(out var payload, 100))
                {
                    Write(writer, payload);
                    progress?.Invoke(writer);
                }
                else
                {
                    progress?.Invoke(writer);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            link.Received = null;
        }

        // What the link already delivered belongs to the recording.
        while (_payloads.TryTake(out var rest))
        {
            Write(writer, rest);
        }

        return writer.Complete();
    }

    private void Write(RecordingWriter writer, byte[] payload)
    {
        var blocks = DeviceKeyBlocks.FromPayload(payload);
        if (blocks is null)
        {
            MalformedPayloads++;
            return;
        }

        DeviceBlocks++;
        foreach (var block in blocks)
        {
            writer.AddKeyBlock(block);
        }
    }
}

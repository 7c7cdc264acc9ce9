using GroundStation.Host.Link;
using GroundStation.Protocol;

namespace GroundStation.Gsctl.Dashboard;

/// <summary>One decoded telemetry record and the host time it arrived.</summary>
internal sealed record ReceivedTelemetry(TelemetryRecord Record, DateTime ReceivedUtc, ReceivedTelemetry? Previous);

/// <summary>
/// Keeps the latest binary telemetry record (MessageType.Telemetry, sent by the firmware once per board second,
/// unreliable: the latest wins). It hooks <see cref="ResumingLink.Received"/> (so it keeps listening across a
/// resumed session), which runs on the pump thread with a
/// span valid only during the call, so each payload is copied and decoded there with
/// <see cref="TelemetryRecord.TryRead"/> into a fresh record; readers get immutable snapshots. Any handler that was
/// set before is still called, and is put back on dispose.
/// </summary>
internal sealed class TelemetryListener : IDisposable
{
    private readonly ResumingLink? _client;
    private readonly LinkMessageHandler? _previousHandler;
    private readonly object _gate = new();
    private ReceivedTelemetry? _latest;

    /// <summary>Listens on <paramref name="client"/>; without one, only what is fed to <see cref="OnReceived"/> counts.</summary>
    public TelemetryListener(ResumingLink? client = null)
    {
        _client = client;
        if (client is not null)
        {
            _previousHandler = client.Received;
            client.Received = OnReceived;
        }
    }

    /// <summary>The latest record with the one before it (for rates), or null before the first one.</summary>
    public ReceivedTelemetry? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>
    /// Waits until a record has arrived (after <paramref name="arrivedAfterUtc"/>, when given) or
    /// <paramref name="timeout"/> has passed; the latest record or null.
    /// </summary>
    public ReceivedTelemetry? WaitForRecord(TimeSpan timeout, DateTime? arrivedAfterUtc = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_latest is null || (arrivedAfterUtc is { } after && _latest.ReceivedUtc <= after))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                Monitor.Wait(_gate, left);
            }

            return _latest;
        }
    }

    /// <summary>Feeds one device message (what <see cref="LinkClient.Received"/> delivers; tests call it directly).</summary>
    public void OnReceived(MessageType type, ReadOnlySpan<byte> payload)
    {
        if (type == MessageType.Telemetry)
        {
            var record = new TelemetryRecord();
            // A payload TryRead refuses (another version or length) is ignored: the previous record stays the latest.
            if (record.TryRead(payload.ToArray(), 0, payload.Length))
            {
                lock (_gate)
                {
                    // Only one step of history is kept: the previous record's own history is dropped.
                    var previous = _latest is null ? null : _latest with { Previous = null };
                    _latest = new ReceivedTelemetry(record, DateTime.UtcNow, previous);
                    Monitor.PulseAll(_gate);
                }
            }
        }

        _previousHandler?.Invoke(type, payload);
    }

    public void Dispose()
    {
        if (_client is not null && _client.Received == OnReceived)
        {
            _client.Received = _previousHandler;
        }
    }
}

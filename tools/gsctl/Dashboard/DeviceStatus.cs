using System.Globalization;
using System.Text.Json;
using GroundStation.Firmware.App;
using GroundStation.Firmware.Timing;
using GroundStation.Host.Link;
using GroundStation.Protocol;

namespace GroundStation.Gsctl.Dashboard;

/// <summary>The link counters of LINK:STAT? ("mode,pending,refused,rx ok,rx bad,resent,sent").</summary>
internal sealed record LinkCounters(string Mode, long Pending, long Refused, long FramesReceived, long FramesRejected,
    long Retransmissions, long FramesSent)
{
    public static LinkCounters? Parse(string text)
    {
        var fields = text.Trim().Split(',');
        if (fields.Length != 7)
        {
            return null;
        }

        var numbers = new long[6];
        for (var i = 0; i < 6; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new LinkCounters(fields[0], numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
    }
}

/// <summary>Where a snapshot's telemetry came from.</summary>
internal enum TelemetrySource
{
    /// <summary>No telemetry at all (see the note).</summary>
    None,

    /// <summary>The firmware's binary TelemetryRecord message: the source of truth.</summary>
    Record,

    /// <summary>The TEL? text reply: the fallback when no record arrives (one 512-byte reply frame, may be cut).</summary>
    TextReply,
}

/// <summary>
/// One snapshot of a device: identity from the handshake, link counters, and telemetry as "key=value" figures.
/// The telemetry normally comes from the binary <see cref="TelemetryRecord"/> (<see cref="FromRecord"/>); the
/// TEL? text reply (<see cref="ParseTelemetry"/>) is only a fallback. Both give the same keys (see
/// Dashboard/README.md); any other key is shown as it is. <see cref="TelemetryNote"/> says why telemetry is absent
/// or came from the fallback.
/// </summary>
internal sealed record DeviceStatus(
    DateTimeOffset TakenUtc,
    DeviceInfo Device,
    LinkCounters? Link,
    IReadOnlyDictionary<string, string> Telemetry,
    string? TelemetryNote,
    TelemetrySource Source = TelemetrySource.None)
{
    public const string TelemetryQuery = "TELemetry?";
    public const string LinkQuery = "LINK:STATus?";

    /// <summary>
    /// The figures of a decoded <see cref="TelemetryRecord"/>, under the same raw keys the TEL? reply uses (plus
    /// reset_reason and lock_count, which only the record carries), then derived like the text.
    /// <paramref name="previous"/> (the record before, if any) gives the sifted rate.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FromRecord(TelemetryRecord r, TelemetryRecord? previous = null)
    {
        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["uptime_ms"] = N(r.UptimeMs),
            ["reset_reason"] = N(r.ResetReason),
            ["safe_reasons"] = N(r.SafeStateReasons),
            ["timing_state"] = N(r.TimingState),
            ["index_resolved"] = N(r.IndexResolved),
            ["beacon_rate_hz"] = N(r.BeaconRateHz),
            ["timing_residual_ps"] = N(r.TimingResidualPs),
            ["rate_offset_ppb"] = N(r.RateOffsetPpb),
            ["lock_count"] = N(r.LockCount),
            ["assigned"] = N(r.Assigned),
            ["dropped_unlocked"] = N(r.DroppedUnlocked),
            ["dropped_window"] = N(r.DroppedOutsideWindow),
            ["tagger_overflowed"] = N(r.TaggerOverflowed),
            ["tagger_missed"] = N(r.TaggerMissed),
            ["sift_dropped"] = N(r.SiftDroppedClicks),
            ["link_pending"] = N(r.LinkPending),
            ["link_capacity"] = N(r.LinkCapacity),
            ["sifted_bits"] = N(r.SiftedBits),
            ["last_qber_ppm"] = N(r.LastQberPpm),
            ["alarms"] = N(r.Alarms),
            ["hal_faults"] = N(r.HalFaults),
            ["free_memory"] = N(r.FreeMemoryBytes),
        };
        for (var d = 0; d < TelemetryRecord.Detectors; d++)
        {
            pairs[$"rate_hz.{d}"] = N(r.CountRateHz[d]);
            pairs[$"corrected_hz.{d}"] = N(r.CorrectedRateHz[d]);
            pairs[$"gate.{d}"] = N(r.GateOn[d]);
            pairs[$"fault.{d}"] = N(r.LatchedFault[d]);
            pairs[$"temp_mc.{d}"] = N(r.TemperatureMilliCelsius[d]);
            pairs[$"bias_mv.{d}"] = N(r.BiasMillivolts[d]);
        }

        if (previous is not null && r.UptimeMs > previous.UptimeMs && r.SiftedBits >= previous.SiftedBits)
        {
            pairs["sifted_bps"] = Text(1000.0 * (r.SiftedBits - previous.SiftedBits) / (r.UptimeMs - previous.UptimeMs));
        }

        Derive(pairs);
        return pairs;
    }

    /// <summary>
    /// Parses the firmware's TEL? reply (firmware/App/TelemetryPublisher.Describe): "key=value" lines; a value of
    /// "sub:value,sub:value" pairs (the per-detector lines det1..det4) becomes "sub.N" keys with 0-based N. The
    /// dashboard's figures are then derived in the units their names say (see Dashboard/README.md).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseTelemetry(string text)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim().Trim('"');
            var detector = System.Text.RegularExpressions.Regex.Match(key, @"^det(\d+)$");
            if (detector.Success && value.Contains(':'))
            {
                var channel = int.Parse(detector.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
                foreach (var sub in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    var colon = sub.IndexOf(':');
                    if (colon > 0)
                    {
                        pairs[$"{sub[..colon].ToLowerInvariant()}.{channel}"] = sub[(colon + 1)..];
                    }
                }

                continue;
            }

            pairs[key] = value;
        }

        Derive(pairs);
        return pairs;
    }

    /// <summary>Dashboard figures from the firmware's raw units (mV, milli-degrees, ppm, pending/capacity).</summary>
    private static void Derive(SortedDictionary<string, string> pairs)
    {
        static bool Num(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        foreach (var (key, value) in pairs.ToList())
        {
            var dot = key.LastIndexOf('.');
            var (name, suffix) = dot > 0 ? (key[..dot], key[dot..]) : (key, "");
            if (name == "bias_mv" && Num(value, out var mv) && mv >= 0)
            {
                pairs["bias_v" + suffix] = Text(mv / 1000);
            }
            else if (name == "temp_mc" && Num(value, out var mc) && mc > int.MinValue)
            {
                pairs["temp_c" + suffix] = Text(mc / 1000);
            }
        }

        if (pairs.TryGetValue("last_qber_ppm", out var ppm) && Num(ppm, out var qber) && qber >= 0)
        {
            pairs["qber_pct"] = Text(qber / 10_000);
        }

        if (pairs.TryGetValue("timing_residual_ps", out var residual))
        {
            pairs["residual_rms_ps"] = residual;
        }

        if (pairs.TryGetValue("beacon_rate_hz", out var beacon))
        {
            pairs["beacon_hz"] = beacon;
        }

        if (pairs.TryGetValue("timing_state", out var state))
        {
            pairs["lock"] = int.TryParse(state, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                && Enum.IsDefined((TimingState)number) ? ((TimingState)number).ToString() : state;
        }

        // TEL? says "link_pending=used/capacity"; the record has the two numbers apart.
        if (pairs.TryGetValue("link_pending", out var pending) && pending.Split('/') is [var used, var capacity])
        {
            pairs["link_pending"] = used;
            pairs["link_capacity"] = capacity;
        }

        if (pairs.TryGetValue("link_pending", out var p) && Num(p, out var u)
            && pairs.TryGetValue("link_capacity", out var cap) && Num(cap, out var c) && c > 0)
        {
            pairs["buffer_fill_pct"] = Text(100 * u / c);
        }

        if (pairs.Remove("free_memory", out var free) && Num(free, out var bytes) && bytes >= 0)
        {
            pairs["free_memory_bytes"] = free;
        }

        if (pairs.TryGetValue("safe_reasons", out var reasons) && int.TryParse(reasons, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bits))
        {
            pairs["safe_state"] = SafeStateNames(bits);
        }
    }

    /// <summary>The names of the <see cref="SafeStateReason"/> bits set in <paramref name="bits"/> ("none" for 0).</summary>
    public static string SafeStateNames(int bits)
    {
        var names = Enum.GetValues<SafeStateReason>().Where(r => r != SafeStateReason.None && (bits & (int)r) == (int)r)
            .Select(r => r.ToString()).ToList();
        var unknown = bits & ~Enum.GetValues<SafeStateReason>().Aggregate(0, (all, r) => all | (int)r);
        if (unknown != 0)
        {
            names.Add($"0x{unknown:X}");
        }

        return names.Count == 0 ? "none" : string.Join("+", names);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The figure under <paramref name="key"/> as a number, or null when absent or not numeric.</summary>
    public double? Number(string key) => Telemetry.TryGetValue(key, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Channel indices that have a figure with this prefix ("rate_hz.0", "rate_hz.1", ...), in order.</summary>
    public IEnumerable<int> Channels(params string[] prefixes) => Telemetry.Keys
        .SelectMany(k => prefixes.Where(p => k.StartsWith(p + ".", StringComparison.Ordinal))
            .Select(p => int.TryParse(k[(p.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : -1))
        .Where(c => c >= 0).Distinct().Order();

    public string ToJson()
    {
        var json = new Dictionary<string, object?>
        {
            ["taken_utc"] = TakenUtc.ToString("O", CultureInfo.InvariantCulture),
            ["device"] = new Dictionary<string, object>
            {
                ["name"] = Device.Name,
                ["firmware"] = Device.FirmwareVersion,
                ["board"] = Device.BoardName,
                ["protocol"] = $"{Device.ProtocolMajor}.{Device.ProtocolMinor}",
            },
            ["link"] = Link is null ? null : new Dictionary<string, object>
            {
                ["mode"] = Link.Mode,
                ["pending"] = Link.Pending,
                ["refused"] = Link.Refused,
                ["frames_received"] = Link.FramesReceived,
                ["frames_rejected"] = Link.FramesRejected,
                ["retransmissions"] = Link.Retransmissions,
                ["frames_sent"] = Link.FramesSent,
            },
            ["telemetry"] = Telemetry.ToDictionary(p => p.Key, p => (object)(double.TryParse(p.Value, NumberStyles.Float,
                CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : p.Value)),
            ["telemetry_source"] = Source switch
            {
                TelemetrySource.Record => "record",
                TelemetrySource.TextReply => "tel_query",
                _ => null,
            },
            ["telemetry_note"] = TelemetryNote,
        };
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = false });
    }
}

/// <summary>
/// Takes <see cref="DeviceStatus"/> snapshots over a connected link. Telemetry is the latest binary record the
/// device pushed (<see cref="TelemetryListener"/>); the first snapshot waits up to <see cref="FirstRecordWait"/>
/// for one. Only while no record has arrived does it ask TEL? instead, and the note says so.
/// </summary>
internal sealed class DeviceStatusReader : IDisposable
{
    /// <summary>The firmware sends a record per board second; 2.5 s covers one missed record.</summary>
    public static readonly TimeSpan FirstRecordWait = TimeSpan.FromSeconds(2.5);

    /// <summary>A record older than this is shown with a warning: the device stopped sending them.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(3.5);

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);
    private readonly ResumingLink _link;
    private readonly TelemetryListener _listener;
    private bool _waited;
    private int _resumptionsSeen;

    public DeviceStatusReader(ResumingLink link)
    {
        _link = link;
        _listener = new TelemetryListener(link);
    }

    /// <summary>True while the port has failed and the next <see cref="Read"/> will wait for the session to resume.</summary>
    public bool LinkLost => _link.Current.Failure is not null;

    /// <summary>A snapshot; after a cable pull, first waits until the port is back and the session resumed.</summary>
    public DeviceStatus Read()
    {
        _link.EnsureAlive();
        try
        {
            return ReadFrom(_link.Current);
        }
        catch (LinkException) when (LinkLost)
        {
            // The cable went while asking: wait for it once more and ask again.
            _link.EnsureAlive();
            return ReadFrom(_link.Current);
        }
    }

    private DeviceStatus ReadFrom(LinkClient client)
    {
        var device = client.Device ?? throw new LinkException(LinkErrorKind.Closed, "not connected to a device");
        ReceivedTelemetry? received;
        if (_link.Resumptions != _resumptionsSeen)
        {
            // Just resumed: the record held from before the pull is stale; wait for one of the resumed session.
            _resumptionsSeen = _link.Resumptions;
            received = _listener.WaitForRecord(FirstRecordWait, arrivedAfterUtc: DateTime.UtcNow) ?? _listener.Latest;
        }
        else
        {
            received = _waited ? _listener.Latest : _listener.WaitForRecord(FirstRecordWait);
        }

        _waited = true;
        var link = client.Execute(DeviceStatus.LinkQuery, QueryTimeout);
        var counters = link.Ok ? LinkCounters.Parse(link.Text) : null;
        if (received is not null)
        {
            var age = DateTime.UtcNow - received.ReceivedUtc;
            return new DeviceStatus(DateTimeOffset.UtcNow, device, counters,
                DeviceStatus.FromRecord(received.Record, received.Previous?.Record),
                age > StaleAfter ? $"the last telemetry record arrived {age.TotalSeconds:0} s ago" : null, TelemetrySource.Record);
        }

        var missing = $"no telemetry record within {FirstRecordWait.TotalSeconds:0.0} s";
        var telemetry = client.Execute(DeviceStatus.TelemetryQuery, QueryTimeout);
        return telemetry.Ok
            ? new DeviceStatus(DateTimeOffset.UtcNow, device, counters, DeviceStatus.ParseTelemetry(telemetry.Text),
                $"{missing}: showing the {DeviceStatus.TelemetryQuery} text reply (one 512-byte frame, figures may be cut)",
                TelemetrySource.TextReply)
            : new DeviceStatus(DateTimeOffset.UtcNow, device, counters, new Dictionary<string, string>(),
                $"{missing}, and {DeviceStatus.TelemetryQuery} answered {telemetry.Status}: {telemetry.Text}".TrimEnd(' ', ':'));
    }

    public void Dispose() => _listener.Dispose();
}

using System.Globalization;
using System.Text.Json;
using GroundStation.Gsctl.Link;

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

/// <summary>
/// One snapshot of a device: identity from the handshake, link counters, and the telemetry of
/// <see cref="TelemetryQuery"/>: "key=value" pairs separated by commas or semicolons. Keys gsctl knows are laid
/// out on the dashboard (see Dashboard/README.md); any other key is shown as it is, so the firmware can add
/// figures without a gsctl release. <see cref="TelemetryNote"/> says why telemetry is absent, if it is.
/// </summary>
internal sealed record DeviceStatus(
    DateTimeOffset TakenUtc,
    DeviceInfo Device,
    LinkCounters? Link,
    IReadOnlyDictionary<string, string> Telemetry,
    string? TelemetryNote)
{
    public const string TelemetryQuery = "TELemetry?";
    public const string LinkQuery = "LINK:STATus?";

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
        static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
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
            pairs["lock"] = state;
        }

        if (pairs.TryGetValue("link_pending", out var pending) && pending.Split('/') is [var used, var capacity]
            && Num(used, out var u) && Num(capacity, out var c) && c > 0)
        {
            pairs["buffer_fill_pct"] = Text(100 * u / c);
        }
    }

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
            ["telemetry_note"] = TelemetryNote,
        };
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = false });
    }
}

/// <summary>Takes a <see cref="DeviceStatus"/> snapshot over a connected link.</summary>
internal static class DeviceStatusReader
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);

    public static DeviceStatus Read(LinkClient client)
    {
        var device = client.Device ?? throw new LinkException(LinkErrorKind.Closed, "not connected to a device");
        var link = client.Execute(DeviceStatus.LinkQuery, QueryTimeout);
        var telemetry = client.Execute(DeviceStatus.TelemetryQuery, QueryTimeout);
        return new DeviceStatus(DateTimeOffset.UtcNow, device, link.Ok ? LinkCounters.Parse(link.Text) : null,
            telemetry.Ok ? DeviceStatus.ParseTelemetry(telemetry.Text) : new Dictionary<string, string>(),
            telemetry.Ok ? null : $"{DeviceStatus.TelemetryQuery} answered {telemetry.Status}: {telemetry.Text}".TrimEnd(' ', ':'));
    }
}

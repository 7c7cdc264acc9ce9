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
    public const string TelemetryQuery = "STATus:SNAPshot?";
    public const string LinkQuery = "LINK:STATus?";

    public static IReadOnlyDictionary<string, string> ParseTelemetry(string text)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=');
            if (equals > 0)
            {
                pairs[item[..equals].Trim().ToLowerInvariant()] = item[(equals + 1)..].Trim().Trim('"');
            }
        }

        return pairs;
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

using System.Globalization;
using System.Text.Json;

namespace GroundStation.Gsctl.Plotting;

/// <summary>
/// The line under a pass plot's title that says what the pass produced: the finite-key secret key length (or why
/// there is none), the QBER in both bases, the phase-error bound and the error-correction efficiency, read from the
/// run's summary.json (`gsctl sim`) or the recording's manifest.json (`gsctl record`), whose top-level report fields
/// are the same (tools/Host/Distillation/ReportJson).
/// </summary>
internal static class KeyLine
{
    public static readonly string[] FileNames = ["summary.json", "manifest.json"];

    /// <summary>The line for a run or recording directory; null when neither file holds a post-processing report.</summary>
    public static string? FromDirectory(string directory)
    {
        foreach (var name in FileNames)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(path));
                return FromJson(json.RootElement);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                return null; // the plot is of the timeline; a damaged summary only loses this line
            }
        }

        return null;
    }

    public static string? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("secretKeyBits", out var bits) || bits.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var parts = new List<string>
        {
            bits.GetInt64() > 0
                ? string.Create(CultureInfo.InvariantCulture, $"secret key {bits.GetInt64():N0} bits (finite-key{Epsilon(root)})")
                : $"no secret key: {Text(root, "noKeyReason") ?? "length 0"}",
        };
        if (Number(root, "qberZ") is { } z && Number(root, "qberX") is { } x)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"QBER Z {z * 100:0.00} %, X {x * 100:0.00} %"));
        }

        if (Number(root, "phaseErrorBound") is { } phase)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"phase error <= {phase * 100:0.00} %"));
        }

        if (Number(root, "ecEfficiency") is { } f)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Text(root, "reconciliation") ?? "EC"} f = {f:0.000}"));
        }

        return string.Join("  |  ", parts);
    }

    private static string Epsilon(JsonElement root) =>
        root.TryGetProperty("finiteKeyInput", out var input) && Number(input, "epsilonSecret") is { } eps
            ? string.Create(CultureInfo.InvariantCulture, $", eps_sec {eps:0.#e0}")
            : "";

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GroundStation.Host.Distillation;

/// <summary>
/// A <see cref="DistillationReport"/> as JSON (camelCase, NaN written as "NaN"): the fields `summary.json` of `gsctl
/// sim` and the recording's `manifest.json` gain at their top level (secretKeyBits, ecEfficiency, disclosedBits,
/// qberZ, qberX, phaseErrorBound, finiteKeyInput with the epsilons and intensities, finiteKey with every intermediate).
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static JsonObject ToJson(DistillationReport report)
    {
        var node = JsonSerializer.SerializeToNode(report, Options)!.AsObject();
        node["netKeyBits"] = report.NetKeyBits;
        return node;
    }

    /// <summary>Adds every field of <paramref name="report"/> to <paramref name="target"/> (replacing fields of the same name).</summary>
    public static void MergeInto(JsonObject target, DistillationReport report)
    {
        foreach (var (name, value) in ToJson(report).ToList())
        {
            target[name] = value?.DeepClone();
        }
    }

    public static DistillationReport? FromJson(JsonNode? node) => node?.Deserialize<DistillationReport>(Options);
}

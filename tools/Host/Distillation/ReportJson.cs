using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GroundStation.Host.Distillation;

/// <summary>
/// A <see cref="DistillationReport"/> as JSON (camelCase): the fields `summary.json` of `gsctl sim` and the
/// recording's `manifest.json` gain at their top level (secretKeyBits, ecEfficiency, disclosedBits, qberZ, qberX,
/// phaseErrorBound, finiteKeyInput with the epsilons and intensities, finiteKey with every intermediate). A figure
/// that was not computed (NaN: no key, so no phase-error bound) is written as null: JSON has no NaN, and a "NaN"
/// string is a number field holding text to every other reader. Reading takes null (and the "NaN" strings of files
/// written before) back as NaN.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new NullForNonFinite() },
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

    /// <summary>NaN and infinities as null; null or a named literal ("NaN") read back as NaN or the infinity.</summary>
    private sealed class NullForNonFinite : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => double.NaN,
            JsonTokenType.String => double.Parse(reader.GetString()!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            _ => reader.GetDouble(),
        };

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace GroundStation.Simulator.Config;

/// <summary>Reads and writes the JSON pass file (format: tools/Simulator/PASS_FORMAT.md).</summary>
public static class PassFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Unknown fields are rejected: a typo must not silently fall back to a default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads, then validates, a pass file. Throws <see cref="PassFileException"/> naming the field.</summary>
    public static PassConfig Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses and validates pass JSON. Throws <see cref="PassFileException"/> naming the field.</summary>
    public static PassConfig Parse(string json)
    {
        PassConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<PassConfig>(json, Options);
        }
        catch (JsonException e)
        {
            throw new PassFileException(PathOf(e), Shorten(e.Message));
        }
        if (config is null) throw new PassFileException("$", "the pass file is empty (null)");
        PassValidator.Validate(config);
        return config;
    }

    /// <summary>The JSON a run directory keeps as pass.json: the complete configuration actually used.</summary>
    public static string Serialize(PassConfig config) => JsonSerializer.Serialize(config, Options);

    static string PathOf(JsonException e)
    {
        // For an unknown member the serializer reports the containing object; name the member itself.
        string path = e.Path ?? "$";
        const string marker = "The JSON property '";
        int start = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            int end = e.Message.IndexOf('\'', start + marker.Length);
            if (end > start)
            {
                string member = e.Message[(start + marker.Length)..end];
                if (!path.EndsWith("." + member, StringComparison.Ordinal)) path = path + "." + member;
            }
        }
        return path;
    }

    static string Shorten(string message)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal)) return "unknown field";
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

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
            var path = PathOf(e);
            throw new PassFileException(path, Shorten(e.Message, json, path));
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

    static string Shorten(string message, string json, string path)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal)) return "unknown field";
        const string converted = "could not be converted to ";
        int type = message.IndexOf(converted, StringComparison.Ordinal);
        if (type >= 0)
        {
            // "could not be converted to System.Nullable`1[System.Double]" names .NET's type: say it in JSON's terms.
            string target = message[(type + converted.Length)..];
            return $"expected {Expected(target)}" + (FoundAt(json, path) is { } found ? $", found {found}" : "");
        }

        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>The JSON type a .NET target type reads from.</summary>
    static string Expected(string dotnetType) => dotnetType switch
    {
        _ when dotnetType.Contains("[][]", StringComparison.Ordinal) => "a list of [t_s, value] pairs",
        _ when dotnetType.Contains("[]", StringComparison.Ordinal) => "a list of numbers",
        _ when dotnetType.Contains("UInt", StringComparison.Ordinal) => "a whole number of at least 0",
        _ when dotnetType.Contains("Int", StringComparison.Ordinal) => "a whole number",
        _ when dotnetType.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when dotnetType.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when dotnetType.Contains("String", StringComparison.Ordinal) => "a string",
        _ => "an object",
    };

    /// <summary>What the file holds at a path like $.receiver.jitterPsFwhm or $.link.lossProfile[2][0], in JSON's terms.</summary>
    static string? FoundAt(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var element = document.RootElement;
            foreach (System.Text.RegularExpressions.Match step in System.Text.RegularExpressions.Regex.Matches(path, @"\.(\w+)|\[(\d+)\]"))
            {
                if (step.Groups[1].Success && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(step.Groups[1].Value, out var child))
                    element = child;
                else if (step.Groups[2].Success && element.ValueKind == JsonValueKind.Array && int.Parse(step.Groups[2].Value) < element.GetArrayLength())
                    element = element[int.Parse(step.Groups[2].Value)];
                else
                    return null;
            }

            return element.ValueKind switch
            {
                JsonValueKind.String => $"a string {element.GetRawText()}",
                JsonValueKind.Number => $"the number {element.GetRawText()}",
                JsonValueKind.True or JsonValueKind.False => $"a boolean {element.GetRawText()}",
                JsonValueKind.Array => "a list",
                JsonValueKind.Object => "an object",
                _ => "null",
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace GroundStation.Gsctl.Recording;

/// <summary>One file of a recording with what a later stage needs to prove it whole.</summary>
internal sealed record ManifestFile(string Name, string Kind, long Bytes, string Sha256, long Records);

/// <summary>The key stream's block accounting: which block ids arrived, which the recorder saw missing.</summary>
internal sealed record KeyAccounting(
    long Blocks,
    long? FirstBlockId,
    long? LastBlockId,
    IReadOnlyList<long> MissingBlockIds,
    long Bits,
    IReadOnlyDictionary<string, long> BitsByIntensity);

/// <summary>
/// manifest.json of a recording directory. It is written last and atomically: a directory without it is a
/// recording that did not complete.
/// </summary>
internal sealed record RecordingManifest(
    string Format,
    int Version,
    DateTimeOffset CreatedUtc,
    KeyAccounting Key,
    IReadOnlyList<ManifestFile> Files)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "gsctl-recording";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RecordingManifest FromJson(string json) =>
        JsonSerializer.Deserialize<RecordingManifest>(json, Json) ?? throw new JsonException("the manifest is null");
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace GroundStation.Gsctl.Recording;

/// <summary>One file of a recording with what a later stage needs to prove it whole.</summary>
internal sealed record ManifestFile(string Name, string Kind, long Bytes, string Sha256, long Records);

/// <summary>
/// The sifted-key file's accounting: blocks (numbered by the firmware; a gap is a block the intrusion alarm discarded,
/// listed in DiscardedBlockIds, or a lost one, listed in MissingBlockIds), entries per intensity class (signal, decoy,
/// vacuum; unknown in a post-pass recording) and per basis (z, x).
/// </summary>
internal sealed record KeyAccounting(
    long Blocks,
    long? FirstBlockId,
    long? LastBlockId,
    IReadOnlyList<long> MissingBlockIds,
    IReadOnlyList<long> DiscardedBlockIds,
    long Bits,
    IReadOnlyDictionary<string, long> BitsByIntensity,
    IReadOnlyDictionary<string, long> BitsByBasis);

/// <summary>
/// manifest.json of a recording directory (version 2). It is written last and atomically: a directory without it is a
/// recording that did not complete. `mode` says what the key file holds: "live" (sifted with the transmitter during the
/// pass: sifted.gsk, and the final key under keys/ when the session produced one) or "post-pass" (detections.gsk,
/// waiting for `gsctl postprocess`; "post-processed" once that ran). The post-processing report's fields
/// (secretKeyBits, ecEfficiency, disclosedBits, qberZ, qberX, phaseErrorBound, finiteKeyInput, finiteKey, ...) sit at
/// the top level in camelCase (<see cref="Report"/>).
/// </summary>
internal sealed record RecordingManifest(
    string Format,
    int Version,
    DateTimeOffset CreatedUtc,
    string Mode,
    KeyAccounting Key,
    IReadOnlyList<ManifestFile> Files)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "gsctl-recording";
    public const int CurrentVersion = 2;
    public const string LiveMode = "live";
    public const string PostPassMode = "post-pass";
    public const string PostProcessedMode = "post-processed";

    /// <summary>The post-processing report and peer-link figures, written as top-level fields.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Report { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RecordingManifest FromJson(string json) =>
        JsonSerializer.Deserialize<RecordingManifest>(json, Json) ?? throw new JsonException("the manifest is null");
}

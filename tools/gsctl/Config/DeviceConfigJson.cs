using System.Globalization;
using System.Text;
using System.Text.Json;
using GroundStation.Firmware.App.Config;

namespace GroundStation.Gsctl.Config;

/// <summary>
/// The human-readable export of a device configuration: a JSON object with "format", the record "version", every
/// <see cref="DeviceConfig"/> field under its firmware name, and the record's CRC-32 as "checksum" ("0x1A2B3C4D").
/// Reading is strict: unknown or missing fields, wrong types, wrong list lengths, values <see cref="DeviceConfig.Validate"/>
/// refuses, and a checksum that does not match the fields are all errors naming the field. A hand-edited file
/// imports once its "checksum" line is removed (the checksum proves the file is what was exported).
/// </summary>
internal static class DeviceConfigJson
{
    public const string FormatName = "gsctl-device-config";

    public static string Write(DeviceConfig config)
    {
        var record = DeviceConfigRecord.Encode(config);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", DeviceConfigCodec.CurrentVersion);
            foreach (var field in DeviceConfigFields.All)
            {
                switch (field.GetValue(config))
                {
                    case int[] array:
                        json.WriteStartArray(field.Name);
                        foreach (var v in array)
                        {
                            json.WriteNumberValue(v);
                        }

                        json.WriteEndArray();
                        break;
                    case long l:
                        json.WriteNumber(field.Name, l);
                        break;
                    case int i:
                        json.WriteNumber(field.Name, i);
                        break;
                }
            }

            json.WriteString("checksum", FormatChecksum(DeviceConfigRecord.Checksum(record)));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string FormatChecksum(uint crc) => "0x" + crc.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Parses and validates a file's text; returns the configuration and its encoded record.</summary>
    /// <exception cref="FormatException">The first problem, naming the field.</exception>
    public static (DeviceConfig Config, byte[] Record) Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a gsctl device configuration (expected a JSON object)");
            }

            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            {
                throw new FormatException(format.ValueKind == JsonValueKind.Undefined ? $"format: missing (expected \"{FormatName}\")"
                    : $"format: {format.GetRawText()} is not \"{FormatName}\"");
            }

            if (!root.TryGetProperty("version", out var version))
            {
                throw new FormatException("version: missing");
            }

            var v = Int(version, "version");

            if (v != DeviceConfigCodec.CurrentVersion)
            {
                throw new FormatException($"version: {v} is not supported (this gsctl writes and reads version {DeviceConfigCodec.CurrentVersion})");
            }

            var known = new HashSet<string>(DeviceConfigFields.All.Select(f => f.Name)) { "format", "version", "checksum" };
            foreach (var property in root.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    throw new FormatException($"unknown field '{property.Name}'");
                }
            }

            var config = new DeviceConfig();
            foreach (var field in DeviceConfigFields.All)
            {
                if (!root.TryGetProperty(field.Name, out var value))
                {
                    throw new FormatException($"{field.Name}: missing");
                }

                if (field.FieldType == typeof(int[]))
                {
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw new FormatException($"{field.Name}: expected a list of whole numbers, found {Found(value)}");
                    }

                    DeviceConfigFields.SetArray(config, field, value.EnumerateArray().Select((e, k) => Int(e, $"{field.Name}[{k}]")).ToArray());
                }
                else if (field.FieldType == typeof(long))
                {
                    field.SetValue(config, value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l)
                        ? l : throw new FormatException($"{field.Name}: expected a whole number, found {Found(value)}"));
                }
                else
                {
                    field.SetValue(config, Int(value, field.Name));
                }
            }

            var record = DeviceConfigRecord.ValidatedRecord(config);
            if (root.TryGetProperty("checksum", out var checksum))
            {
                var expected = FormatChecksum(DeviceConfigRecord.Checksum(record));
                if (checksum.ValueKind != JsonValueKind.String || !string.Equals(checksum.GetString(), expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"checksum: {checksum} does not match the fields ({expected}): the file changed after export " +
                        "(remove the checksum line to import a hand-edited file)");
                }
            }

            return (config, record);
        }
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var i)
            ? i : throw new FormatException($"{name}: expected a whole number (32-bit), found {Found(element)}");

    /// <summary>What the file holds, in JSON's terms: "a string "1"", "a number 1.5", "null".</summary>
    private static string Found(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"a string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"a boolean {element.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

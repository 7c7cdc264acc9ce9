using System.Globalization;
using System.Reflection;
using GroundStation.Firmware.App.Config;

namespace GroundStation.Gsctl.Config;

/// <summary>
/// The fields of <see cref="DeviceConfig"/> by name, as `gsctl config get/set` and the JSON file use them: the
/// firmware's own field names (PulseRateHz, SkewPs, ...), matched without regard to case. Array fields take a
/// comma-separated list or one element as Name[i]. The list is read from the type, so a field added to the
/// firmware appears here without a second list to keep in step.
/// </summary>
internal static class DeviceConfigFields
{
    public static IReadOnlyList<FieldInfo> All { get; } = typeof(DeviceConfig)
        .GetFields(BindingFlags.Public | BindingFlags.Instance)
        .Where(f => f.FieldType == typeof(int) || f.FieldType == typeof(long) || f.FieldType == typeof(int[]))
        .ToArray();

    /// <summary>How many entries an array field must have; OmittedFramePositions is variable (0 .. 8).</summary>
    public static (int Min, int Max) ArrayLength(FieldInfo field) => field.Name == nameof(DeviceConfig.OmittedFramePositions)
        ? (0, DeviceConfig.MaxOmittedPositions)
        : (((int[])field.GetValue(new DeviceConfig())!).Length, ((int[])field.GetValue(new DeviceConfig())!).Length);

    /// <summary>Finds "Name" or "Name[i]"; throws <see cref="FormatException"/> naming the unknown field.</summary>
    public static (FieldInfo Field, int? Index) Resolve(string name)
    {
        var index = (int?)null;
        var bare = name.Trim();
        var open = bare.IndexOf('[');
        if (open > 0 && bare.EndsWith(']'))
        {
            if (!int.TryParse(bare[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                throw new FormatException($"'{name}': the index must be a number, e.g. SkewPs[3]");
            }

            index = i;
            bare = bare[..open];
        }

        var field = All.FirstOrDefault(f => string.Equals(f.Name, bare, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"unknown configuration field '{bare}' (fields: {string.Join(", ", All.Select(f => f.Name))})");
        if (index is not null && field.FieldType != typeof(int[]))
        {
            throw new FormatException($"{field.Name} is not a list; use it without [index]");
        }

        return (field, index);
    }

    public static string Format(DeviceConfig config, FieldInfo field, int? index = null)
    {
        var value = field.GetValue(config)!;
        if (value is int[] array)
        {
            if (index is { } i)
            {
                return i < array.Length ? array[i].ToString(CultureInfo.InvariantCulture) : throw new FormatException($"{field.Name} has {array.Length} entries, no [{i}]");
            }

            return string.Join(",", array.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        }

        return Convert.ToString(value, CultureInfo.InvariantCulture)!;
    }

    /// <summary>Sets a field from text; throws <see cref="FormatException"/> naming the field on a bad value.</summary>
    public static void Set(DeviceConfig config, FieldInfo field, int? index, string text)
    {
        if (field.FieldType == typeof(long))
        {
            field.SetValue(config, ParseLong(field.Name, text));
        }
        else if (field.FieldType == typeof(int))
        {
            field.SetValue(config, ParseInt(field.Name, text));
        }
        else if (index is { } i)
        {
            var array = (int[])((int[])field.GetValue(config)!).Clone();
            if (i >= array.Length)
            {
                throw new FormatException($"{field.Name} has {array.Length} entries, no [{i}]");
            }

            array[i] = ParseInt($"{field.Name}[{i}]", text);
            field.SetValue(config, array);
        }
        else
        {
            var parts = text.Trim().Length == 0 ? [] : text.Split(',');
            SetArray(config, field, parts.Select((p, k) => ParseInt($"{field.Name}[{k}]", p)).ToArray());
        }
    }

    public static void SetArray(DeviceConfig config, FieldInfo field, int[] values)
    {
        var (min, max) = ArrayLength(field);
        if (values.Length < min || values.Length > max)
        {
            throw new FormatException(min == max
                ? $"{field.Name} needs {min} entries, got {values.Length}"
                : $"{field.Name} takes {min} .. {max} entries, got {values.Length}");
        }

        field.SetValue(config, values);
    }

    private static long ParseLong(string name, string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw new FormatException($"{name}: '{text}' is not a whole number");

    private static int ParseInt(string name, string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw new FormatException($"{name}: '{text}' is not a whole number (32-bit)");
}

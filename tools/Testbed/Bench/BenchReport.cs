using System.Globalization;
using System.Text.Json;

namespace GroundStation.Testbed.Bench;

/// <summary>Named figures of one benchmark run, in the order they were added.</summary>
public sealed class BenchReport(string benchmark)
{
    private readonly List<(string Key, object Value, string Unit)> _figures = new();

    public string Benchmark { get; } = benchmark;

    public IReadOnlyList<(string Key, object Value, string Unit)> Figures => _figures;

    /// <summary>Adds a figure. <paramref name="key"/> is camelCase: it is the JSON property name.</summary>
    public BenchReport Add(string key, double value, string unit = "")
    {
        _figures.Add((key, value, unit));
        return this;
    }

    public BenchReport Add(string key, long value, string unit = "")
    {
        _figures.Add((key, value, unit));
        return this;
    }

    public BenchReport Add(string key, string value)
    {
        _figures.Add((key, value, ""));
        return this;
    }

    /// <summary>A figure that may be missing: JSON null, "n/a" in the text (a line elsewhere says why).</summary>
    public BenchReport AddOptional(string key, double? value, string unit = "")
    {
        _figures.Add((key, value.HasValue ? value.Value : Missing.Value, unit));
        return this;
    }

    public object? this[string key] => _figures.FirstOrDefault(f => f.Key == key).Value;

    public string ToJson()
    {
        var map = new Dictionary<string, object?> { ["benchmark"] = Benchmark };
        foreach (var (key, value, _) in _figures)
        {
            map[key] = value is Missing ? null : value;
        }

        return JsonSerializer.Serialize(map, new JsonSerializerOptions { WriteIndented = true });
    }

    public string ToText()
    {
        var width = _figures.Count == 0 ? 0 : _figures.Max(f => f.Key.Length);
        var lines = _figures.Select(f => f.Value is Missing
            ? $"  {f.Key.PadRight(width)}  n/a"
            : $"  {f.Key.PadRight(width)}  {Format(f.Value)}{(f.Unit.Length > 0 ? " " + f.Unit : "")}");
        return $"bench {Benchmark}\n" + string.Join('\n', lines);
    }

    private static string Format(object value) => value switch
    {
        double d when Math.Abs(d) >= 1e6 || (d != 0 && Math.Abs(d) < 1e-3) => d.ToString("G4", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A yes/no figure that may be missing: JSON true/false/null.</summary>
    public BenchReport AddOptional(string key, bool? value)
    {
        _figures.Add((key, value.HasValue ? value.Value : Missing.Value, ""));
        return this;
    }

    /// <summary>Marks a figure <see cref="AddOptional"/> was given no value for.</summary>
    private sealed class Missing
    {
        public static readonly Missing Value = new();
    }
}

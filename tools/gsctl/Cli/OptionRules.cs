using System.CommandLine;
using System.Globalization;

namespace GroundStation.Gsctl.Cli;

/// <summary>
/// Range checks declared on options, so an impossible value is a parse error (<see cref="UsageErrors"/>: one line,
/// exit 2) before a command does anything.
/// </summary>
internal static class OptionRules
{
    public static Option<T> InRange<T>(this Option<T> option, T min, T max, string? unit = null)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // the value did not parse: that error is already reported
            }

            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0 || value is double d && !double.IsFinite(d))
            {
                var u = unit is null ? "" : " " + unit;
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"{option.Name} must be {min} .. {max}{u}, not {value}"));
            }
        });
        return option;
    }
}

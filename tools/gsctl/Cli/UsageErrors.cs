using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace GroundStation.Gsctl.Cli;

/// <summary>
/// The one path for every command-line mistake (missing or unknown argument, a value out of range, a value that
/// does not parse): one line naming the problem, one line pointing at the command's help, exit
/// <see cref="ExitCodes.Usage"/>. The help itself is shown only when asked for (`--help`).
/// </summary>
internal static class UsageErrors
{
    /// <summary>Parses and runs <paramref name="args"/>; a command line with errors is reported, not run.</summary>
    public static int ParseAndInvoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 || parse.Action is { ClearsParseErrors: true })
        {
            return parse.Invoke();
        }

        var command = CommandPath(parse.CommandResult);
        // An unknown word explains a missing command or argument better than the other way round.
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        Console.Error.WriteLine($"{command}: {Plain(error.Message)}");
        Console.Error.WriteLine($"Try '{command} --help'.");
        return ExitCodes.Usage;
    }

    /// <summary>"Cannot parse argument 'x' for option '--baud' as expected type 'System.Int32'." names a .NET type; say what is wanted.</summary>
    private static string Plain(string message) =>
        Regex.Replace(message, @"as expected type '([^']+)'\.?", m => m.Groups[1].Value switch
        {
            var t when t.Contains("UInt", StringComparison.Ordinal) => "as a whole number of at least 0.",
            var t when t.Contains("Int", StringComparison.Ordinal) => "as a whole number.",
            var t when t.Contains("Double", StringComparison.Ordinal) => "as a number.",
            var t when t.Contains("Boolean", StringComparison.Ordinal) => "as true or false.",
            _ => "here.",
        });

    /// <summary>"gsctl record verify": the names from the root to the command that was parsed.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Parent is null ? "gsctl" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

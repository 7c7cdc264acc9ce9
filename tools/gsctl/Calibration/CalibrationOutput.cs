using Spectre.Console;

namespace GroundStation.Gsctl.Calibration;

/// <summary>
/// How a calibration flow talks to the technician: progress (a Spectre.Console spinner with the current step on a
/// terminal, plain "step..." lines on stderr when redirected, so logs stay readable) and the result table (a boxed
/// Spectre table on a terminal, plain aligned columns on stdout when redirected, for scripts and tests).
/// </summary>
internal static class CalibrationOutput
{
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Runs a flow; it reports each step through the callback it receives.</summary>
    public static T WithProgress<T>(string title, Func<Action<string>, T> flow)
    {
        if (!Interactive)
        {
            Console.Error.WriteLine($"{title}...");
            return flow(step => Console.Error.WriteLine($"  {step}"));
        }

        var result = default(T)!;
        AnsiConsole.Status().Start(title, context => result = flow(step => context.Status($"{Markup.Escape(title)}: {Markup.Escape(step)}")));
        return result;
    }

    public static void PrintTable(string title, string[] columns, IEnumerable<string[]> rows)
    {
        var data = rows.ToList();
        if (Interactive)
        {
            var table = new Table { Title = new TableTitle(title) };
            foreach (var column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
            }

            foreach (var row in data)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            return;
        }

        var widths = columns.Select((c, i) => Math.Max(c.Length, data.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        Console.WriteLine(title);
        Console.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadLeft(widths[i]))));
        foreach (var row in data)
        {
            Console.WriteLine(string.Join("  ", row.Select((v, i) => v.PadLeft(widths[i]))));
        }
    }

    /// <summary>--save stores at once; without it an interactive user is asked, a script is told how to store.</summary>
    public static bool ShouldSave(bool saveOption)
    {
        if (saveOption)
        {
            return true;
        }

        if (Interactive && !Console.IsInputRedirected)
        {
            return AnsiConsole.Confirm("Store the configuration on the device (CONF:SAVE)?", defaultValue: false);
        }

        Console.WriteLine("not saved: pass --save (or run `gsctl config save`) to store it on the device");
        return false;
    }
}

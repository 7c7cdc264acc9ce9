using System.Diagnostics;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// The simulation board's --core option (firmware/Native/README.md "Seam"): it says which core runs the per-event
/// path; an unknown core is a usage error with one line, exit 2.
/// </summary>
public class CoreOptionTests
{
    [Fact]
    public void The_board_reports_the_managed_core_when_asked_for_it()
    {
        Assert.Equal("core: managed", CoreLine("--core", "managed"));
    }

    [Fact]
    public void The_board_runs_the_native_core_by_default_where_it_is_built_and_says_why_not_otherwise()
    {
        string line = CoreLine();
        bool built = File.Exists(Path.Combine(AppContext.BaseDirectory, "libgscore.so"));
        if (built)
        {
            Assert.Equal("core: native", line);
        }
        else
        {
            Assert.StartsWith("core: managed (native core not built", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_core_is_refused_in_one_line_with_exit_code_2()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "gs-simboard.dll"), "--core", "turbo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("gs-simboard: --core takes native or managed (see --help)", stderr.Trim());
    }

    [Fact]
    public void Gsctl_sim_runs_a_pass_on_the_core_asked_for_and_says_which()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 2 }""");

        var result = GsctlProcess.Run("sim", "--pass", passFile, "--out", temp.File("run"), "--skew-seconds", "0", "--core", "managed");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("core: managed" + Environment.NewLine, result.Stdout);
        Assert.Contains("sifted bits", result.Stdout);
    }

    [Fact]
    public void Gsctl_sim_refuses_an_unknown_core_with_exit_2()
    {
        using var temp = new TempDirectory();

        var result = GsctlProcess.Run("sim", "--out", temp.File("run"), "--core", "turbo");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'turbo' not recognized", result.Stderr);
    }

    /// <summary>Starts the board, returns its "core: ..." line (printed before the UART line), and stops it.</summary>
    private static string CoreLine(params string[] options)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "gs-simboard.dll"), .. options, "--stop-on-stdin-close"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        try
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line.StartsWith("core: ", StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException("the simulation board printed no core line");
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
            }
        }
    }
}

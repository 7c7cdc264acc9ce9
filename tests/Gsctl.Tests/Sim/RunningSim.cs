using System.Diagnostics;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>`gsctl sim` running a long pass as a separate process, started and past its first progress line.</summary>
internal sealed class RunningSim : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Process _gsctl;
    private readonly Task<string> _stdout;

    public RunningSim()
    {
        var passFile = _temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 120 }""");
        OutputDirectory = _temp.File("run");
        _gsctl = GsctlProcess.Start(_temp.Path, "sim", "--pass", passFile, "--out", OutputDirectory);
        _stdout = _gsctl.StandardOutput.ReadToEndAsync();
        var before = new List<string>();
        string? line;
        while ((line = _gsctl.StandardError.ReadLine()) is not null && !line.StartsWith("pass ", StringComparison.Ordinal))
        {
            before.Add(line);
        }

        Assert.True(line is not null, "gsctl ended before the pass started: " + string.Join(" | ", before));
        Board = Assert.Single(GsctlProcess.Children(_gsctl.Id));
    }

    public int Gsctl => _gsctl.Id;

    /// <summary>The simulation board process gsctl started.</summary>
    public int Board { get; }

    public string OutputDirectory { get; }

    /// <summary>Waits for gsctl to end; its exit code and the "gsctl:" lines it printed on stderr after the start.</summary>
    public async Task<(int ExitCode, string[] ErrorLines)> Ended(TimeSpan within)
    {
        var stderr = _gsctl.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _gsctl.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"gsctl sim still runs {within.TotalSeconds:0} s later");
        }

        await _stdout;
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("gsctl:", StringComparison.Ordinal)).ToArray();
        return (_gsctl.ExitCode, lines);
    }

    public void Dispose()
    {
        if (!_gsctl.HasExited)
        {
            _gsctl.Kill(entireProcessTree: true);
        }

        _gsctl.Dispose();
        _temp.Dispose();
    }
}

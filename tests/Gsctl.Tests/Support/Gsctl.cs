using System.Diagnostics;

namespace GroundStation.Tests.Gsctl.Support;

/// <summary>What one gsctl process printed and returned.</summary>
public sealed record GsctlResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built gsctl as a separate process, as a user or a script would.</summary>
public static class GsctlProcess
{
    public static GsctlResult Run(params string[] args) => RunIn(Environment.CurrentDirectory, args);

    public static GsctlResult RunIn(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gsctl {string.Join(' ', args)} did not exit within 60 s");
        }

        return new GsctlResult(process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Starts gsctl with stdout and stderr redirected, for tests that act while it runs.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gsctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends a signal by name (TERM, KILL, INT) with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>The process ids of a process's children (Linux /proc).</summary>
    public static int[] Children(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)
            .ToArray();
}

public static class GsctlAssert
{
    /// <summary>The process failed with <paramref name="exitCode"/> and printed exactly one line, "gsctl: " then <paramref name="pattern"/>.</summary>
    public static void OneLineError(GsctlResult result, int exitCode, string pattern)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Matches("^gsctl: " + pattern, line);
    }
}

/// <summary>A fresh directory under the system temp folder, deleted with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gsctl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] FileNames() => Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

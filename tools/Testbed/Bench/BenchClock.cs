using System.Diagnostics;
using System.Globalization;

namespace GroundStation.Testbed.Bench;

/// <summary>Wall-clock and process CPU time since <see cref="Start"/>. CPU time is what a benchmark reports "per
/// core" on a machine shared with other work, where wall time is diluted by the other processes.</summary>
public readonly struct BenchClock
{
    private readonly long _wallTicks;
    private readonly TimeSpan _cpu;

    private BenchClock(long wallTicks, TimeSpan cpu)
    {
        _wallTicks = wallTicks;
        _cpu = cpu;
    }

    public static BenchClock Start() => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);

    public double WallSeconds => Stopwatch.GetElapsedTime(_wallTicks).TotalSeconds;

    public double CpuSeconds => Math.Max((Environment.CpuUsage.TotalTime - _cpu).TotalSeconds, 1e-9);

    /// <summary>The 1-minute load average (Linux /proc/loadavg), or -1 where unknown: how busy the machine was.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}

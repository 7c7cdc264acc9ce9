using System.Diagnostics;
using GroundStation.Hal;

namespace GroundStation.Host.Link;

/// <summary>The host's monotonic clock (Stopwatch) as the firmware's clock contract.</summary>
public sealed class SystemMonotonicClock : IMonotonicClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long NowMicroseconds => (long)(Stopwatch.GetElapsedTime(_start).Ticks / 10);

    public int ResolutionMicroseconds => 1;
}

using GroundStation.Hal;

namespace GroundStation.Testbed.Bench.Memory;

/// <summary>
/// A watchdog that only counts feeds. The memory probe uses it instead of hal/Fakes' FakeWatchdog, which records
/// every feed in a growing list: that list is the fake's memory, not the firmware's, and would show up in the
/// firmware's allocation count (on a device the watchdog is a hardware register).
/// </summary>
public sealed class CountingWatchdog : IWatchdog
{
    public bool LastResetWasWatchdog => false;

    public int TimeoutMilliseconds { get; private set; }

    public long Feeds { get; private set; }

    public void Start(int timeoutMilliseconds) => TimeoutMilliseconds = timeoutMilliseconds;

    public void Feed() => Feeds++;
}

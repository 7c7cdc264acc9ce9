namespace GroundStation.Hal.Fakes;

/// <summary>
/// A watchdog that records starts and feeds against virtual time. <see cref="CheckExpiry"/> bites when the last feed
/// is older than the timeout (as the hardware would); <see cref="Bite"/> forces it. Biting raises <see cref="Bitten"/>
/// instead of resetting anything, so a test can assert that the firmware kept (or stopped) feeding.
/// </summary>
public sealed class FakeWatchdog : IWatchdog
{
    private readonly IMonotonicClock _clock;

    public FakeWatchdog(IMonotonicClock clock, bool lastResetWasWatchdog = false)
    {
        _clock = clock;
        LastResetWasWatchdog = lastResetWasWatchdog;
    }

    public bool LastResetWasWatchdog { get; }

    public bool IsStarted { get; private set; }

    public int TimeoutMilliseconds { get; private set; }

    public long LastFeedMicroseconds { get; private set; }

    public List<long> Feeds { get; } = new();

    public int BiteCount { get; private set; }

    public event Action? Bitten;

    public void Start(int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMilliseconds);
        IsStarted = true;
        TimeoutMilliseconds = timeoutMilliseconds;
        LastFeedMicroseconds = _clock.NowMicroseconds;
    }

    public void Feed()
    {
        LastFeedMicroseconds = _clock.NowMicroseconds;
        Feeds.Add(LastFeedMicroseconds);
    }

    /// <summary>True once started and not fed for longer than the timeout.</summary>
    public bool HasExpired => IsStarted && _clock.NowMicroseconds - LastFeedMicroseconds > TimeoutMilliseconds * 1000L;

    /// <summary>Bites if <see cref="HasExpired"/>; returns whether it did.</summary>
    public bool CheckExpiry()
    {
        if (!HasExpired)
        {
            return false;
        }

        Bite();
        return true;
    }

    public void Bite()
    {
        BiteCount++;
        Bitten?.Invoke();
    }
}

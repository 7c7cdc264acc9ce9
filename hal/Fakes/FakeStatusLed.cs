namespace GroundStation.Hal.Fakes;

/// <summary>A status LED that records each change with its virtual time.</summary>
public sealed class FakeStatusLed : IStatusLed
{
    private readonly IMonotonicClock _clock;

    public FakeStatusLed(IMonotonicClock clock)
    {
        _clock = clock;
    }

    public bool IsOn { get; private set; }

    public List<PinWrite> Changes { get; } = new();

    public void Set(bool on)
    {
        IsOn = on;
        Changes.Add(new PinWrite(_clock.NowMicroseconds, on));
    }
}

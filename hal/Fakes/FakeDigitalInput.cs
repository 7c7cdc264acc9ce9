namespace GroundStation.Hal.Fakes;

/// <summary>
/// An input pin driven by the test: set its level now, or script edges at virtual times on a <see cref="VirtualClock"/>.
/// Each level change raises <see cref="Edge"/> with the clock's time and is recorded.
/// </summary>
public sealed class FakeDigitalInput : IDigitalInput
{
    private readonly IMonotonicClock _clock;

    public FakeDigitalInput(int pinNumber, string name, IMonotonicClock clock, bool initialHigh = false)
    {
        PinNumber = pinNumber;
        Name = name;
        _clock = clock;
        IsHigh = initialHigh;
    }

    public int PinNumber { get; }

    public string Name { get; }

    public bool IsHigh { get; private set; }

    public event PinEdgeHandler? Edge;

    /// <summary>Every edge delivered, in order.</summary>
    public List<PinEdge> Edges { get; } = new();

    /// <summary>Drives the line; raises an edge only when the level changes (as hardware would).</summary>
    public void SetLevel(bool high)
    {
        if (high == IsHigh)
        {
            return;
        }

        IsHigh = high;
        long now = _clock.NowMicroseconds;
        Edges.Add(new PinEdge(now, high));
        Edge?.Invoke(PinNumber, high, now);
    }

    /// <summary>A rising then a falling edge at the current time (an interrupt pulse).</summary>
    public void Pulse()
    {
        SetLevel(!IsHigh);
        SetLevel(!IsHigh);
    }

    /// <summary>Scripts a level change at <paramref name="atMicroseconds"/> on the virtual clock.</summary>
    public void ScheduleLevel(VirtualClock clock, long atMicroseconds, bool high)
    {
        clock.Schedule(atMicroseconds, () => SetLevel(high));
    }
}

/// <summary>One recorded input edge.</summary>
public readonly record struct PinEdge(long TimeMicroseconds, bool Rising);

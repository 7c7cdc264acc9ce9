namespace GroundStation.Hal.Fakes;

/// <summary>An output pin that records every write with the virtual time it happened at.</summary>
public sealed class FakeDigitalOutput : IDigitalOutput
{
    private readonly IMonotonicClock _clock;

    public FakeDigitalOutput(int pinNumber, string name, IMonotonicClock clock, bool initialHigh = false)
    {
        PinNumber = pinNumber;
        Name = name;
        _clock = clock;
        IsHigh = initialHigh;
    }

    public int PinNumber { get; }

    public string Name { get; }

    public bool IsHigh { get; private set; }

    /// <summary>Every <see cref="Write"/>, in order, including writes that did not change the level.</summary>
    public List<PinWrite> Writes { get; } = new();

    /// <summary>When set, writes throw as a failed GPIO driver would (fault injection).</summary>
    public bool FailWrites { get; set; }

    /// <summary>Counters the injected failure is counted in (optional).</summary>
    public HalFaultCounters? Faults { get; set; }

    public void Write(bool high)
    {
        if (FailWrites)
        {
            var counters = Faults ?? new HalFaultCounters();
            throw counters.Raise(HalFault.GpioFailed, Name, $"GPIO{PinNumber} write failed (injected)");
        }

        IsHigh = high;
        Writes.Add(new PinWrite(_clock.NowMicroseconds, high));
    }
}

/// <summary>One recorded level change request on an output.</summary>
public readonly record struct PinWrite(long TimeMicroseconds, bool High);

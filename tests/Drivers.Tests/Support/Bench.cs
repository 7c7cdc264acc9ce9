using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Drivers.Support;

/// <summary>A virtual clock and a fake SPI bus: what every driver test stands on.</summary>
public sealed class Bench
{
    public VirtualClock Clock { get; } = new();

    public FakeSpiBus Bus { get; } = new();

    /// <summary>An input pin that follows an active-low line driven by a model.</summary>
    public FakeDigitalInput ActiveLowLine(int pin, string name, Action<Action<bool>> subscribe)
    {
        var input = new FakeDigitalInput(pin, name, Clock, initialHigh: true);
        subscribe(low => input.SetLevel(!low));
        return input;
    }
}

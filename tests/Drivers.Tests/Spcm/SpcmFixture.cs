using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.Drivers.Mcp320x;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Hal.Fakes;
using GroundStation.Hal;

namespace GroundStation.Tests.Drivers.Spcm;

/// <summary>Four detector channels on fake pins, two MCP4922 and an MCP3208 on the fake bus, and the controller.</summary>
internal sealed class SpcmFixture
{
    public const long OneMillisecondPs = 1_000_000_000;

    public SpcmFixture(IMonotonicClock clock, FakeSpiBus bus, int maxCountsPerWindow = 2000)
    {
        var channels = new SpcmChannel[4];
        for (int c = 0; c < 4; c++)
        {
            Enables[c] = new FakeDigitalOutput(30 + c, $"spcm{c}-en", clock);
            Gates[c] = new FakeDigitalOutput(40 + c, $"spcm{c}-gate", clock);
            FaultPins[c] = new FakeDigitalInput(50 + c, $"spcm{c}-fault", clock, initialHigh: true);
            channels[c] = new SpcmChannel(Enables[c], Gates[c], FaultPins[c])
            {
                MaxCountsPerWindow = maxCountsPerWindow,
                DacIndex = c / 2,
                DacChannel = c % 2,
                BiasAdcChannel = c,
                BiasMonitorNumerator = 10,
                BiasMonitorDenominator = 1,
                TemperatureAdcChannel = 4 + c,
            };
        }

        var dacs = new[]
        {
            new Mcp4922(bus.Attach(60, "dac0", DacModels[0], Mcp4922.BusSettings), 2, 2500),
            new Mcp4922(bus.Attach(61, "dac1", DacModels[1], Mcp4922.BusSettings), 2, 2500),
        };
        var adc = new Mcp3208(bus.Attach(62, "adc", AdcModel, Mcp3208.BusSettings), 2500);
        Shutter = new FakeDigitalOutput(70, "shutter", clock);
        Controller = new SpcmController(channels, dacs, adc, Shutter, clock, OneMillisecondPs);
        Controller.Faulted += (ch, fault, ps, us) => Faults.Add((ch, fault, ps, us));
        for (int c = 0; c < 4; c++)
        {
            Assert.True(Controller.SetChannelOn(c, true));
        }
    }

    public FakeDigitalOutput[] Enables { get; } = new FakeDigitalOutput[4];

    public FakeDigitalOutput[] Gates { get; } = new FakeDigitalOutput[4];

    public FakeDigitalInput[] FaultPins { get; } = new FakeDigitalInput[4];

    public Mcp4922Model[] DacModels { get; } = { new(2500), new(2500) };

    public Mcp3208Model AdcModel { get; } = new(2500);

    public FakeDigitalOutput Shutter { get; }

    public SpcmController Controller { get; }

    public List<(int Channel, SpcmFault Fault, long TaggerPs, long BoardUs)> Faults { get; } = new();

    public bool IsOn(int channel) => Enables[channel].IsHigh && Gates[channel].IsHigh;
}

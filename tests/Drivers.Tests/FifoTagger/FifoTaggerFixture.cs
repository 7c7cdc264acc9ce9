using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Hal.Fakes;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.FifoTagger;

/// <summary>FIFO tagger model on the fake bus with its driver and readout arrays.</summary>
internal sealed class FifoTaggerFixture
{
    public FifoTaggerFixture(int depth = 4096, long lsbFemtoseconds = 1000, int enableMask = 0x1F)
    {
        Model = new FifoTaggerModel(depth, lsbFemtoseconds);
        Ready = Bench.ActiveLowLine(21, "tagger-ready", h => Model.ReadyLineChanged += h);
        Spi = Bench.Bus.Attach(5, "tagger", Model, FifoTimeTagger.BusSettings);
        Driver = new FifoTimeTagger(Spi, Ready, enableMask, 1);
    }

    public Bench Bench { get; } = new();

    public FifoTaggerModel Model { get; }

    public FakeDigitalInput Ready { get; }

    public GroundStation.Hal.ISpiDevice Spi { get; }

    public FifoTimeTagger Driver { get; }

    public long[] Times { get; } = new long[1024];

    public byte[] Channels { get; } = new byte[1024];

    /// <summary>Reads until the FIFO is empty; returns all records read.</summary>
    public List<(long Ps, byte Channel)> Drain()
    {
        var all = new List<(long, byte)>();
        for (int guard = 0; guard < 1000; guard++)
        {
            int n = Driver.ReadBatch(Times, Channels, 0, Times.Length);
            for (int i = 0; i < n; i++)
            {
                all.Add((Times[i], Channels[i]));
            }

            if (n == 0 && Model.Level == 0)
            {
                break;
            }
        }

        return all;
    }
}

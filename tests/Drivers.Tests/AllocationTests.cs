using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Gpx2;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using GroundStation.Tests.Drivers.Spcm;
using GroundStation.Tests.Drivers.Support;
using Xunit.Abstractions;

namespace GroundStation.Tests.Drivers;

/// <summary>
/// The readout path (driver ReadBatch through the fake bus and model, plus the SPCM controller's per-detection
/// check) must not allocate per record. Measured with the runtime's per-thread allocation counter around the readout
/// calls only; the host-side enqueueing of simulated photons is outside the measured region.
/// </summary>
public class AllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Fifo_tagger_readout_and_overlight_check_allocate_nothing_per_record()
    {
        var bench = new Bench();
        bench.Bus.RecordFrames = false;
        var model = new FifoTaggerModel();
        var driver = new FifoTimeTagger(bench.Bus.Attach(5, "tagger", model, FifoTimeTagger.BusSettings));
        var spcm = new SpcmFixture(bench.Clock, bench.Bus, maxCountsPerWindow: int.MaxValue);
        driver.Start();
        var times = new long[256];
        var channels = new byte[256];
        var batchTimes = new long[1000];
        var batchChannels = new byte[1000];
        long t = 0;

        long records = 0;
        long allocated = 0;
        for (int round = 0; round < 60; round++)
        {
            for (int i = 0; i < batchTimes.Length; i++)
            {
                t += 997;
                batchTimes[i] = t;
                batchChannels[i] = (byte)(i % 5);
            }

            model.Enqueue(batchTimes, batchChannels);
            long before = GC.GetAllocatedBytesForCurrentThread();
            long got = 0;
            int n;
            while ((n = driver.ReadBatch(times, channels, 0, times.Length)) > 0)
            {
                spcm.Controller.OnDetections(times, channels, 0, n);
                got += n;
            }

            long after = GC.GetAllocatedBytesForCurrentThread();
            if (round >= 10)
            {
                // steady state after warm-up
                allocated += after - before;
                records += got;
            }
        }

        output.WriteLine($"FIFO tagger: {allocated} bytes allocated over {records} records ({(double)allocated / records:F3} B/record)");
        Assert.Equal(50_000, records);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Gpx2_readout_allocates_nothing_per_record()
    {
        var bench = new Bench();
        bench.Bus.RecordFrames = false;
        var model = new Gpx2Model();
        var driver = new Gpx2TimeTagger(bench.Bus.Attach(4, "gpx2", model, Gpx2TimeTagger.BusSettings), new ModelInterrupt(model), bench.Clock, new Gpx2Settings());
        driver.Start();
        var times = new long[64];
        var channels = new byte[64];
        long t = 0;
        long records = 0;
        long allocated = 0;
        for (int round = 0; round < 2000; round++)
        {
            for (int k = 0; k < 8; k++)
            {
                t += 10_000;
                model.Hit(k % 4, t);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            int n = driver.ReadBatch(times, channels, 0, times.Length);
            long after = GC.GetAllocatedBytesForCurrentThread();
            if (round >= 100)
            {
                allocated += after - before;
                records += n;
            }
        }

        output.WriteLine($"TDC-GPX2: {allocated} bytes allocated over {records} records");
        Assert.Equal(1900 * 8, records);
        Assert.Equal(0, allocated);
    }

    /// <summary>INTERRUPT read straight from the model (the fake input pin records edges in a list, which allocates).</summary>
    private sealed class ModelInterrupt(Gpx2Model model) : IDigitalInput
    {
        public int PinNumber => 22;

        public bool IsHigh => !model.InterruptLow;

        public event PinEdgeHandler? Edge
        {
            add { }
            remove { }
        }
    }
}

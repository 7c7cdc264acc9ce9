using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.App.NativeTask;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;

namespace GroundStation.Tests.App;

/// <summary>
/// The acquisition task's behaviour (firmware/Native/esp32/gs_esp32_acquisition.c) on the desktop, with the real
/// portable C pipeline (gs_pipeline through <see cref="NativePipeline"/>): <see cref="RunOnce"/> plays the task's
/// loop on "the other core": STATUS, one FIFO burst from the tagger model over its SPI frames, the burst through
/// gs_pipeline; a trip becomes a notice and a latched bit, a closed batch waits for TakeClosedBatch, counters as
/// ReadCounters lays them out. Timing is a stand-in (slot = time / 10 ns on detector channels) so the test needs no
/// beacon lock; the C timing engine is covered by tests/NativeCore.Tests.
/// </summary>
internal sealed class PipelineTaskFake : INativeAcquisition, IDisposable
{
    private const long SlotPs = 10_000;
    private readonly FifoTaggerModel _tagger;
    private readonly TaskHandOverQueues _queues = new();
    private readonly long[] _times = new long[256];
    private readonly byte[] _channels = new byte[256];
    private readonly long[] _slots = new long[256];
    private readonly byte[] _slotChannels = new byte[256];
    private NativePipeline? _pipeline;
    private int _detectors;
    private long _newestPs;
    private bool _running;

    public PipelineTaskFake(FifoTaggerModel tagger)
    {
        _tagger = tagger;
    }

    public List<string> Calls { get; } = new();

    /// <summary>One pass of the task's loop: drains what the FIFO holds through the pipeline.</summary>
    public void RunOnce()
    {
        if (!_running || _pipeline == null)
        {
            return;
        }

        var status = new byte[FifoTaggerRegisters.ReadRegisterFrameBytes];
        _tagger.Exchange([FifoTaggerRegisters.OpReadRegister | FifoTaggerRegisters.Status, 0, 0, 0, 0, 0], status);
        int level = (status[4] << 8) | status[5];
        int records = Math.Min(level, _times.Length);
        if (records == 0)
        {
            return;
        }

        var mosi = new byte[FifoTaggerRegisters.ReadHeaderBytes + records * 8];
        mosi[0] = FifoTaggerRegisters.OpReadFifo;
        var burst = new byte[mosi.Length];
        _tagger.Exchange(mosi, burst);
        int events = _pipeline.Run(burst, FifoTaggerRegisters.ReadHeaderBytes, records, _times, _channels, _slots, _slotChannels, out _);
        for (int i = 0; i < events; i++)
        {
            _newestPs = Math.Max(_newestPs, _times[i]);
        }
    }

    public int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin, int clockHz, int[] gatePins)
    {
        Calls.Add("Start");
        _pipeline!.Start(_tagger.TimeLsbFemtoseconds);
        _running = true;
        return 0;
    }

    public int Stop()
    {
        Calls.Add("Stop");
        _running = false;
        return 0;
    }

    public int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs, byte[] rolesByChannel,
        int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount)
    {
        Calls.Add("Configure");
        _detectors = overLightLimits.Length;
        _pipeline?.Dispose();
        _pipeline = new NativePipeline(_detectors, overLightWindowPs, batchCapacity, maxPayloadBytes, batchCount, zBasisProbabilityPpm,
            rolesByChannel, new SeededRandomSource(3))
        {
            Timing = AssignSlots,
            Trip = (channel, _) => _queues.AddNotice(NativeTaskAcquisition.NoticeTrip, channel),
            BatchClosed = (info, deltas, roles, basis) => _queues.AddBatch(
                [info.FirstSlot, info.LastSlot, info.Number, info.Count, info.DeltaBytes, info.EncodedLength],
                deltas[..info.DeltaBytes], roles[..info.Count], basis[..((info.Count + 7) / 8)]),
        };
        for (int c = 0; c < _detectors; c++)
        {
            _pipeline.SetLimit(c, overLightLimits[c]);
        }

        return 0;
    }

    public int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs) => 0;

    public int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch)
    {
        Calls.Add($"SetOverLight {detector},{maxCountsPerWindow},{clearLatch}");
        _pipeline!.SetLimit(detector, maxCountsPerWindow);
        if (clearLatch)
        {
            _pipeline.ClearLatch(detector);
        }

        return 0;
    }

    public int SetOldestBatch(uint oldestBatch)
    {
        _pipeline!.SetOldest(oldestBatch);
        return 0;
    }

    public int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info)
    {
        return _queues.TakeClosedBatch(deltas, roles, basisBits, info);
    }

    public int TakeNotices(int[] notices)
    {
        return _queues.TakeNotices(notices);
    }

    public int ReadCounters(long[] counters)
    {
        Array.Clear(counters);
        if (_pipeline == null)
        {
            return 0;
        }

        NativeFifoCounters fifo = _pipeline.FifoCounters;
        counters[NativeTaskAcquisition.CounterDelivered] = fifo.Delivered;
        counters[NativeTaskAcquisition.CounterMissed] = fifo.Missed;
        counters[NativeTaskAcquisition.CounterRollovers] = fifo.Rollovers;
        counters[NativeTaskAcquisition.CounterNewestTaggerPs] = _newestPs;
        counters[NativeTaskAcquisition.CounterLatchedMask] = _pipeline.Latched;
        for (int c = 0; c < 8; c++)
        {
            counters[NativeTaskAcquisition.CounterChannel0 + c] = _pipeline.ChannelCount(c);
        }

        return 0;
    }

    public void Dispose() => _pipeline?.Dispose();

    /// <summary>The stand-in timing engine: every detector event gets slot time / 10 ns, in order.</summary>
    private int AssignSlots(long[] times, byte[] channels, int count, long[] slots, byte[] slotChannels)
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (channels[i] < _detectors)
            {
                slots[n] = times[i] / SlotPs;
                slotChannels[n] = channels[i];
                n++;
            }
        }

        return n;
    }
}

using GroundStation.Firmware.App.NativeTask;

namespace GroundStation.Tests.App;

/// <summary>
/// A scripted stand-in for the custom image's acquisition task (the InternalCall surface of
/// firmware/Native/Managed NativeAcquisition): tests queue closed batches and notices and set counters; every call
/// the firmware makes is recorded. <see cref="StockImage"/> makes every call throw NotSupportedException, as an image
/// without the native table does (checked on nanoCLR, firmware/Native/README.md "ESP32 image").
/// </summary>
internal sealed class ScriptedNativeAcquisition : INativeAcquisition
{
    private readonly TaskHandOverQueues _queues = new();

    public bool StockImage { get; init; }

    public int ConfigureStatus { get; init; }

    public List<string> Calls { get; } = new();

    public long[] Counters { get; } = new long[NativeTaskAcquisition.CounterCount];

    public (long PulseRateHz, int[] Timing, int[] Limits, long WindowPs, byte[] Roles, int ZPpm, int Capacity, int Payload, int Count)? Configured { get; private set; }

    public (int Host, int Sclk, int Mosi, int Miso, int Cs, int Ready, int ClockHz, int[] Gates)? Started { get; private set; }

    public void QueueBatch(uint number, long[] slots, byte[] roles)
    {
        var deltas = new List<byte>();
        for (int i = 1; i < slots.Length; i++)
        {
            long d = slots[i] - slots[i - 1];
            Assert.InRange(d, 1, 127); // one varint byte each: the test's batches stay that simple
            deltas.Add((byte)d);
        }

        var basis = new byte[(roles.Length + 7) / 8];
        for (int i = 0; i < roles.Length; i++)
        {
            basis[i >> 3] |= (byte)((roles[i] >> 1) << (i & 7));
        }

        int encoded = GroundStation.Protocol.Sifting.SiftAnnounceCodec.HeaderLength(number, slots.Length, slots[0]) + deltas.Count + basis.Length;
        _queues.AddBatch([slots[0], slots[^1], number, slots.Length, deltas.Count, encoded], deltas.ToArray(), roles, basis);
    }

    public void QueueNotice(int kind, int argument) => _queues.AddNotice(kind, argument);

    public int Start(int spiHost, int sclkPin, int mosiPin, int misoPin, int chipSelectPin, int readyPin, int clockHz, int[] gatePins)
    {
        Record("Start");
        Started = (spiHost, sclkPin, mosiPin, misoPin, chipSelectPin, readyPin, clockHz, (int[])gatePins.Clone());
        return 0;
    }

    public int Stop()
    {
        Record("Stop");
        return 0;
    }

    public int Configure(long pulseRateHz, int[] timingSettings, int[] overLightLimits, long overLightWindowPs, byte[] rolesByChannel,
        int zBasisProbabilityPpm, int batchCapacity, int maxPayloadBytes, int batchCount)
    {
        Record("Configure");
        Configured = (pulseRateHz, (int[])timingSettings.Clone(), (int[])overLightLimits.Clone(), overLightWindowPs,
            (byte[])rolesByChannel.Clone(), zBasisProbabilityPpm, batchCapacity, maxPayloadBytes, batchCount);
        return ConfigureStatus;
    }

    public int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs)
    {
        Record($"SetCoarsePrediction {groundTimePs},{satelliteSlot},{uncertaintyPs}");
        return 0;
    }

    public int SetOverLight(int detector, int maxCountsPerWindow, bool clearLatch)
    {
        Record($"SetOverLight {detector},{maxCountsPerWindow},{clearLatch}");
        if (clearLatch)
        {
            Counters[NativeTaskAcquisition.CounterLatchedMask] &= ~(1L << detector);
        }

        return 0;
    }

    public int SetOldestBatch(uint oldestBatch)
    {
        Record($"SetOldestBatch {oldestBatch}");
        return 0;
    }

    public int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info)
    {
        Throw();
        return _queues.TakeClosedBatch(deltas, roles, basisBits, info);
    }

    public int TakeNotices(int[] notices)
    {
        Throw();
        return _queues.TakeNotices(notices);
    }

    public int ReadCounters(long[] counters)
    {
        Throw();
        Counters.CopyTo(counters, 0);
        return 0;
    }

    private void Record(string call)
    {
        Throw();
        Calls.Add(call);
    }

    private void Throw()
    {
        if (StockImage)
        {
            Calls.Add("threw");
            throw new NotSupportedException();
        }
    }
}

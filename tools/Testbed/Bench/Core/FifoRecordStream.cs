using GroundStation.Testbed.Bench.Timing;
using R = GroundStation.Firmware.Drivers.FifoTagger.FifoTaggerRegisters;

namespace GroundStation.Testbed.Bench.Core;

/// <summary>
/// The bench stream for both cores: a <see cref="SyntheticTimingStream"/> (beacon with frame marker, detections,
/// background; the timing bench's scenario) as decoded events and as the FIFO tagger's raw 8-byte records
/// (firmware/Drivers/FifoTagger/README.md: 48-bit time in 1 ps units, channel, flags 0, sequence; MSB first).
/// </summary>
public sealed class FifoRecordStream
{
    private const int Capacity = 1 << 16;

    private FifoRecordStream(TimingScenario scenario, long[] timesPs, byte[] channels, byte[] records)
    {
        Scenario = scenario;
        TimesPs = timesPs;
        Channels = channels;
        Records = records;
    }

    public TimingScenario Scenario { get; }

    public long[] TimesPs { get; }

    public byte[] Channels { get; }

    /// <summary>The same events as FIFO records, 8 bytes each, in stream order.</summary>
    public byte[] Records { get; }

    public int Count => TimesPs.Length;

    /// <summary>The time-tagger LSB the records are written in (1 ps, the FIFO tagger's default TIME_LSB_FS).</summary>
    public const long TimeLsbFemtoseconds = 1000;

    public static FifoRecordStream Generate(TimingScenario scenario)
    {
        var stream = new SyntheticTimingStream(scenario);
        var batch = new TimingBatch(Capacity);
        var times = new List<long>();
        var channels = new List<byte>();
        while (stream.Next(batch))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                times.Add(batch.TimestampsPs[i]);
                channels.Add(batch.Channels[i]);
            }
        }

        var records = new byte[times.Count * R.RecordBytes];
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] < 0 || times[i] >= 1L << R.TimeMarkIntervalBits)
            {
                throw new InvalidOperationException("bench stream outside one time-mark interval: no marks are written");
            }

            var record = ((ulong)times[i] << 16) | ((ulong)channels[i] << 12) | (uint)(i & 0xFF);
            for (var b = 0; b < R.RecordBytes; b++)
            {
                records[(i * R.RecordBytes) + b] = (byte)(record >> (56 - (8 * b)));
            }
        }

        return new FifoRecordStream(scenario, times.ToArray(), channels.ToArray(), records);
    }
}

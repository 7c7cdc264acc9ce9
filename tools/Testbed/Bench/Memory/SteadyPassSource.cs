using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Testbed.Satellite;

namespace GroundStation.Testbed.Bench.Memory;

/// <summary>
/// A steady pass for the memory probe, fed into the FIFO tagger model chunk by chunk in board time: signal detections
/// consistent with a <see cref="SeededSatelliteRecord"/> (2 % QBER, so blocks are accepted) at
/// <see cref="DetectionRateHz"/>, and the beacon every <see cref="BeaconPeriodSlots"/> slots with its frame marker
/// (omitted positions 0, 1, 3, 7 of 100), at 100 MHz with no Doppler. Tagger time = board time (both start at 0).
/// Host-side code: it allocates freely, and runs outside the firmware's measured calls.
/// </summary>
public sealed class SteadyPassSource
{
    public const long PulseRateHz = 100_000_000;
    public const long SlotPicoseconds = 1_000_000_000_000 / PulseRateHz;
    public const int BeaconPeriodSlots = 10_000;
    public const byte BeaconChannel = 4;
    private const int FrameLengthBeacons = 100;
    private static readonly int[] OmittedFramePositions = [0, 1, 3, 7];

    private readonly FifoTaggerModel _tagger;
    private readonly DetectionStreamGenerator _detections;
    private readonly long[] _pendingSlots = new long[256];
    private readonly byte[] _pendingChannels = new byte[256];
    private readonly List<long> _times = new();
    private readonly List<byte> _channels = new();
    private int _pendingAt;
    private int _pendingCount;
    private long _lastDetectionSlot;
    private long _nextSlot;

    public SteadyPassSource(FifoTaggerModel tagger, ulong seed, long startGroundPs, double detectionRateHz = 20_000)
    {
        _tagger = tagger;
        Record = new SeededSatelliteRecord(seed);
        DetectionRateHz = detectionRateHz;
        StartGroundPs = startGroundPs;
        StartSlot = 123_456_700_000;
        _nextSlot = StartSlot;
        _lastDetectionSlot = StartSlot;
        _detections = new DetectionStreamGenerator(seed + 1, Record)
        {
            ErrorRate = 0.02, MeanSlotGap = PulseRateHz / detectionRateHz,
        };
    }

    public SeededSatelliteRecord Record { get; }

    public double DetectionRateHz { get; }

    /// <summary>The first slot of the pass and the tagger time it arrives at (the host's coarse prediction).</summary>
    public long StartSlot { get; }

    public long StartGroundPs { get; }

    public long DetectionsFed { get; private set; }

    public long BeaconsFed { get; private set; }

    /// <summary>Feeds every arrival up to tagger time <paramref name="groundPs"/> into the tagger model.</summary>
    public void FeedUntil(long groundPs)
    {
        long endSlot = StartSlot + ((groundPs - StartGroundPs) / SlotPicoseconds);
        if (endSlot <= _nextSlot)
        {
            return;
        }

        _times.Clear();
        _channels.Clear();
        long beacon = (_nextSlot + BeaconPeriodSlots - 1) / BeaconPeriodSlots;
        while (true)
        {
            long detectionSlot = PeekDetection();
            long beaconSlot = beacon * BeaconPeriodSlots;
            long slot = Math.Min(detectionSlot, beaconSlot);
            if (slot >= endSlot)
            {
                break;
            }

            if (beaconSlot <= detectionSlot)
            {
                if (Array.IndexOf(OmittedFramePositions, (int)(beacon % FrameLengthBeacons)) < 0)
                {
                    Add(beaconSlot, BeaconChannel);
                    BeaconsFed++;
                }

                beacon++;
            }
            else
            {
                Add(detectionSlot, _pendingChannels[_pendingAt++]);
                DetectionsFed++;
            }
        }

        _nextSlot = endSlot;
        _tagger.Enqueue(_times.ToArray(), _channels.ToArray());
    }

    private long PeekDetection()
    {
        if (_pendingAt == _pendingCount)
        {
            _lastDetectionSlot = _detections.Fill(_pendingSlots, _pendingChannels, _pendingSlots.Length, _lastDetectionSlot, out _pendingCount);
            _pendingAt = 0;
        }

        return _pendingSlots[_pendingAt];
    }

    private void Add(long slot, byte channel)
    {
        _times.Add(StartGroundPs + ((slot - StartSlot) * SlotPicoseconds));
        _channels.Add(channel);
    }
}

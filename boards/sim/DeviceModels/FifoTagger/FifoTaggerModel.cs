using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Hal.Fakes;
using R = GroundStation.Firmware.Drivers.FifoTagger.FifoTaggerRegisters;

namespace GroundStation.DeviceModels.FifoTagger;

/// <summary>
/// Register-level model of the FPGA FIFO time tagger as specified in firmware/Drivers/FifoTagger/README.md.
/// The host side (simulator, tests) feeds events with <see cref="Enqueue(ReadOnlySpan{long}, ReadOnlySpan{byte})"/>
/// in tagger time; the SPI side answers frames byte for byte as the FPGA would. Thread-safe: the simulator may
/// enqueue from its own thread while the firmware reads.
/// </summary>
public sealed class FifoTaggerModel : ISpiDeviceModel
{
    private const long TimeMask = (1L << R.TimeBits) - 1;

    private readonly object _gate = new();
    private readonly ulong[] _fifo;
    private readonly long[] _skewPicoseconds = new long[R.Channels];
    private int _head;
    private int _count;
    private long _nowUnits = -1;
    private long _hostNowPicoseconds;
    private long _epochPicoseconds;
    private bool _pendingOverflowFlag;
    private int _sequence;
    private uint _status;
    private uint _lostCount;
    private uint _channelEnable;
    private uint _control;
    private uint _readyThreshold;
    private int _resetAfterBurstBytes = -1;
    private bool _readyLow;
    private long _recordsClockedOut;
    private bool _readoutPaused;

    public FifoTaggerModel(int fifoDepth = 4096, long timeLsbFemtoseconds = 1000)
    {
        if (fifoDepth < 2 || fifoDepth > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(fifoDepth));
        }

        if (timeLsbFemtoseconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLsbFemtoseconds));
        }

        _fifo = new ulong[fifoDepth];
        TimeLsbFemtoseconds = timeLsbFemtoseconds;
        PowerOnReset();
    }

    public int FifoDepth => _fifo.Length;

    /// <summary>README "Electrical and timing": SPI mode 0 only, SCLK up to 20 MHz (written here from the map, not the driver).</summary>
    public SpiChipLimits Limits { get; } = new("FPGA FIFO tagger", [0], 20_000_000);

    public long TimeLsbFemtoseconds { get; }

    /// <summary>Fault injection: how MISO behaves.</summary>
    public BusAnswer Answer { get; set; } = BusAnswer.Normal;

    /// <summary>
    /// While true, STATUS reports an empty FIFO (records stay queued): the simulation board's device-speed model sets
    /// it while board time is held for the host, so a modelled slow controller does not drain a backlog in frozen time.
    /// </summary>
    public bool ReadoutPaused
    {
        get { lock (_gate) { return _readoutPaused; } }
        set { lock (_gate) { _readoutPaused = value; } }
    }

    /// <summary>Records waiting in the FIFO.</summary>
    public int Level
    {
        get { lock (_gate) { return _count; } }
    }

    /// <summary>Ground truth: events dropped because the FIFO was full, since the last reset.</summary>
    public uint LostCount
    {
        get { lock (_gate) { return _lostCount; } }
    }

    /// <summary>Records (events and time marks, not filler) clocked out of the FIFO over SPI since power-on: what the
    /// firmware read, for the simulation board's device-speed model.</summary>
    public long RecordsClockedOut
    {
        get { lock (_gate) { return _recordsClockedOut; } }
    }

    /// <summary>Ground truth: events offered on disabled channels or while not running (silently ignored, like an FPGA).</summary>
    public long IgnoredEvents { get; private set; }

    /// <summary>Resets the model has gone through (power-on excluded).</summary>
    public int ResetCount { get; private set; }

    /// <summary>READY_N level: true when low (FIFO level at or above READY_THRESHOLD while running).</summary>
    public bool ReadyLineLow
    {
        get { lock (_gate) { return _readyLow; } }
    }

    /// <summary>Raised (outside the lock) when READY_N changes; the argument is true when it went low.</summary>
    public event Action<bool>? ReadyLineChanged;

    /// <summary>Sets the fixed delay of one input (cables, detector electronics), added to every event on it.</summary>
    public void SetChannelSkew(int channel, long skewPicoseconds)
    {
        lock (_gate)
        {
            _skewPicoseconds[channel] = skewPicoseconds;
        }
    }

    /// <summary>
    /// Offers a batch of photon/beacon arrivals in host time (ps, non-decreasing). The tagger's clock reads 0 at
    /// host time 0 and restarts at 0 at every reset (at the latest host time seen when the reset happened).
    /// Each becomes a FIFO record if capture runs and the channel is enabled; time marks are inserted as time passes.
    /// </summary>
    public void Enqueue(ReadOnlySpan<long> timesPicoseconds, ReadOnlySpan<byte> channels)
    {
        if (timesPicoseconds.Length != channels.Length)
        {
            throw new ArgumentException("times and channels differ in length");
        }

        bool changed;
        lock (_gate)
        {
            for (int i = 0; i < timesPicoseconds.Length; i++)
            {
                int channel = channels[i];
                if (channel >= R.Channels)
                {
                    throw new ArgumentOutOfRangeException(nameof(channels), $"channel {channel} does not exist");
                }

                long units = HostToUnitsLocked(timesPicoseconds[i] + _skewPicoseconds[channel]);
                AdvanceLocked(units);
                bool capturing = (_control & R.ControlRun) != 0 && (_channelEnable & (1u << channel)) != 0;
                if (!capturing)
                {
                    IgnoredEvents++;
                    continue;
                }

                // One slot stays reserved for time marks, so a full FIFO never loses the roll-over evidence.
                if (_count >= _fifo.Length - 1)
                {
                    _lostCount++;
                    _status |= R.StatusOverflow;
                    _pendingOverflowFlag = true;
                    continue;
                }

                Push(units, channel);
            }

            changed = UpdateReadyLocked();
        }

        RaiseReady(changed);
    }

    /// <summary>Convenience for one event.</summary>
    public void Enqueue(long timePicoseconds, byte channel)
    {
        Enqueue(new[] { timePicoseconds }, new[] { channel });
    }

    /// <summary>Lets tagger time pass without events (writes the time marks an FPGA would).</summary>
    public void AdvanceTo(long timePicoseconds)
    {
        bool changed;
        lock (_gate)
        {
            AdvanceLocked(HostToUnitsLocked(timePicoseconds));
            changed = UpdateReadyLocked();
        }

        RaiseReady(changed);
    }

    /// <summary>External reset (RESET register semantics, as after a power glitch).</summary>
    public void Reset()
    {
        bool changed;
        lock (_gate)
        {
            ResetLocked();
            changed = UpdateReadyLocked();
        }

        RaiseReady(changed);
    }

    /// <summary>Fault injection: the next FIFO burst resets the chip after this many record bytes were clocked out.</summary>
    public void ResetDuringNextBurst(int afterRecordBytes)
    {
        lock (_gate)
        {
            _resetAfterBurstBytes = afterRecordBytes;
        }
    }

    public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        if (Answer.AnswerIfDead(miso) || mosi.Length == 0)
        {
            return;
        }

        bool changed;
        lock (_gate)
        {
            byte op = mosi[0];
            switch (op & 0xC0)
            {
                case R.OpReadRegister:
                    if (mosi.Length >= R.ReadRegisterFrameBytes)
                    {
                        uint v = ReadRegisterLocked(op & R.AddressMask);
                        miso[2] = (byte)(v >> 24);
                        miso[3] = (byte)(v >> 16);
                        miso[4] = (byte)(v >> 8);
                        miso[5] = (byte)v;
                    }

                    break;
                case R.OpWriteRegister:
                    // Applied on chip-select release, only for a complete 5-byte frame.
                    if (mosi.Length == R.WriteRegisterFrameBytes)
                    {
                        uint value = ((uint)mosi[1] << 24) | ((uint)mosi[2] << 16) | ((uint)mosi[3] << 8) | mosi[4];
                        WriteRegisterLocked(op & R.AddressMask, value);
                    }

                    break;
                case R.OpReadFifo:
                    BurstLocked(miso);
                    break;
                default:
                    break; // reserved opcode: MISO stays 0
            }

            changed = UpdateReadyLocked();
        }

        RaiseReady(changed);
    }

    private void BurstLocked(Span<byte> miso)
    {
        for (int p = R.ReadHeaderBytes; p + R.RecordBytes <= miso.Length; p += R.RecordBytes)
        {
            int recordBytesSoFar = p - R.ReadHeaderBytes;
            if (_resetAfterBurstBytes >= 0 && recordBytesSoFar >= _resetAfterBurstBytes)
            {
                _resetAfterBurstBytes = -1;
                ResetLocked();
            }

            ulong record;
            bool pop = _count > 0;
            if (pop)
            {
                record = _fifo[_head];
            }
            else
            {
                record = (ulong)R.ChannelFiller << 12;
            }

            for (int b = 0; b < R.RecordBytes; b++)
            {
                miso[p + b] = (byte)(record >> (56 - 8 * b));
            }

            // The record leaves the FIFO only once its last bit has been clocked out.
            if (pop)
            {
                _head = (_head + 1) % _fifo.Length;
                _count--;
                _recordsClockedOut++;
            }
        }
    }

    private uint ReadRegisterLocked(int address)
    {
        return address switch
        {
            R.Identity => R.IdentityValue,
            R.Version => R.VersionValue,
            R.Status => R.StatusSignature | (_status & (R.StatusResetSeen | R.StatusOverflow))
                        | ((_control & R.ControlRun) != 0 ? R.StatusRunning : 0) | (_readoutPaused ? 0u : (uint)_count),
            R.FifoDepth => (uint)_fifo.Length,
            R.LostCount => _lostCount,
            R.ChannelEnable => _channelEnable,
            R.Control => _control,
            R.TimeLsbFemtoseconds => (uint)TimeLsbFemtoseconds,
            R.ReadyThreshold => _readyThreshold,
            _ => 0,
        };
    }

    private void WriteRegisterLocked(int address, uint value)
    {
        switch (address)
        {
            case R.Status:
                _status &= ~(value & (R.StatusResetSeen | R.StatusOverflow));
                break;
            case R.ChannelEnable:
                _channelEnable = value & 0xFF;
                break;
            case R.Control:
                _control = value & R.ControlRun;
                break;
            case R.ReadyThreshold:
                _readyThreshold = value & 0xFFFF;
                break;
            case R.Reset:
                if (value == R.ResetKey)
                {
                    ResetLocked();
                }

                break;
        }
    }

    private void AdvanceLocked(long units)
    {
        if (units <= _nowUnits)
        {
            return;
        }

        long interval = 1L << R.TimeMarkIntervalBits;
        long firstMark = _nowUnits < 0 ? interval : ((_nowUnits / interval) + 1) * interval;
        for (long mark = firstMark; mark <= units; mark += interval)
        {
            if ((_control & R.ControlRun) != 0 && _count < _fifo.Length)
            {
                Push(mark, R.ChannelTimeMark);
            }
        }

        _nowUnits = units;
    }

    private void Push(long units, int channel)
    {
        int flags = _pendingOverflowFlag ? R.FlagOverflowBefore : 0;
        _pendingOverflowFlag = false;
        ulong record = ((ulong)(units & TimeMask) << 16) | ((ulong)(uint)channel << 12) | ((ulong)(uint)flags << 8) | (uint)_sequence;
        _sequence = (_sequence + 1) & 0xFF;
        _fifo[(_head + _count) % _fifo.Length] = record;
        _count++;
    }

    /// <summary>Host time to tagger units: the tagger's clock starts at 0 at its last reset.</summary>
    private long HostToUnitsLocked(long hostPicoseconds)
    {
        if (hostPicoseconds > _hostNowPicoseconds)
        {
            _hostNowPicoseconds = hostPicoseconds;
        }

        long picoseconds = hostPicoseconds - _epochPicoseconds;
        return picoseconds <= 0 ? 0 : PicosecondsToUnits(picoseconds);
    }

    private long PicosecondsToUnits(long picoseconds)
    {
        // floor(ps * 1000 / lsbFs) without overflow for long runs.
        long fs = TimeLsbFemtoseconds;
        return (picoseconds / fs) * 1000 + ((picoseconds % fs) * 1000) / fs;
    }

    private void PowerOnReset()
    {
        ResetLocked();
        ResetCount = 0;
    }

    private void ResetLocked()
    {
        _head = 0;
        _count = 0;
        _nowUnits = -1;
        _epochPicoseconds = _hostNowPicoseconds;
        _pendingOverflowFlag = false;
        _sequence = 0;
        _lostCount = 0;
        _channelEnable = 0;
        _control = 0;
        _readyThreshold = 1;
        _status = R.StatusResetSeen;
        ResetCount++;
    }

    private bool UpdateReadyLocked()
    {
        uint threshold = _readyThreshold == 0 ? 1u : _readyThreshold;
        bool low = (_control & R.ControlRun) != 0 && _count >= threshold;
        if (low == _readyLow)
        {
            return false;
        }

        _readyLow = low;
        return true;
    }

    private void RaiseReady(bool changed)
    {
        if (changed)
        {
            ReadyLineChanged?.Invoke(ReadyLineLow);
        }
    }
}

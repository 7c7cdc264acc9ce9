using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels.Gpx2;

/// <summary>
/// Register-level model of a ScioSense TDC-GPX2 / AS6500 on SPI, written from the datasheet (DS000640 v4-00) rather
/// than from the driver: opcodes 0x30 power-on reset, 0x18 init, 0x80|addr write config, 0x40|addr read config,
/// 0x60|addr read results (auto-increment); four stop channels with an 8-deep FIFO each; INTERRUPT low while any FIFO
/// holds a result. The host side offers stop hits in host time with <see cref="Hit"/>.
/// </summary>
public sealed class Gpx2Model : ISpiDeviceModel
{
    public const int ConfigRegisters = 17;
    public const int FifoDepth = 8;
    private const int IndexMask = 0xFFFFFF;

    private readonly object _gate = new();
    private readonly byte[] _config = new byte[ConfigRegisters];
    private readonly Queue<(int Index, int Stop)>[] _fifos = { new(), new(), new(), new() };
    private readonly long[] _lost = new long[4];
    private bool _measuring;
    private long _initHostPicoseconds;
    private long _hostNowPicoseconds;
    private bool _interruptLow;

    /// <param name="referenceClockPeriodPicoseconds">Period of the REFCLK the board feeds the chip.</param>
    public Gpx2Model(long referenceClockPeriodPicoseconds = 200000)
    {
        ReferenceClockPeriodPicoseconds = referenceClockPeriodPicoseconds;
    }

    public long ReferenceClockPeriodPicoseconds { get; }

    public BusAnswer Answer { get; set; } = BusAnswer.Normal;

    /// <summary>A copy of the configuration registers CFG0..CFG16.</summary>
    public byte[] Configuration
    {
        get { lock (_gate) { return (byte[])_config.Clone(); } }
    }

    public bool Measuring
    {
        get { lock (_gate) { return _measuring; } }
    }

    /// <summary>INTERRUPT pin: true when low (a result is waiting).</summary>
    public bool InterruptLow
    {
        get { lock (_gate) { return _interruptLow; } }
    }

    /// <summary>Ground truth: hits dropped because a stop FIFO was full.</summary>
    public long LostHits(int stop)
    {
        lock (_gate) { return _lost[stop]; }
    }

    public int Pending(int stop)
    {
        lock (_gate) { return _fifos[stop].Count; }
    }

    /// <summary>Raised when INTERRUPT changes; true when it went low.</summary>
    public event Action<bool>? InterruptChanged;

    /// <summary>REFCLK_DIVISIONS as currently configured (CFG3..CFG5).</summary>
    public int RefclkDivisions
    {
        get { lock (_gate) { return Divisions(); } }
    }

    /// <summary>A pulse on STOP(stop+1) at host time <paramref name="hostPicoseconds"/> (non-decreasing).</summary>
    public void Hit(int stop, long hostPicoseconds)
    {
        bool changed;
        lock (_gate)
        {
            _hostNowPicoseconds = Math.Max(_hostNowPicoseconds, hostPicoseconds);
            bool pinEnabled = (_config[0] & (1 << stop)) != 0;
            bool hitEnabled = (_config[1] & (1 << stop)) != 0;
            int divisions = Divisions();
            if (_measuring && pinEnabled && hitEnabled && divisions > 0)
            {
                long t = hostPicoseconds - _initHostPicoseconds;
                long index = t / ReferenceClockPeriodPicoseconds;
                long fraction = (t % ReferenceClockPeriodPicoseconds) * divisions / ReferenceClockPeriodPicoseconds;
                if (_fifos[stop].Count >= FifoDepth)
                {
                    _lost[stop]++;
                }
                else
                {
                    _fifos[stop].Enqueue(((int)(index & IndexMask), (int)fraction));
                }
            }

            changed = UpdateInterrupt();
        }

        Raise(changed);
    }

    /// <summary>Lets host time pass (so an init or reset after a silence starts the index at the right moment).</summary>
    public void AdvanceTo(long hostPicoseconds)
    {
        lock (_gate)
        {
            _hostNowPicoseconds = Math.Max(_hostNowPicoseconds, hostPicoseconds);
        }
    }

    /// <summary>A supply glitch: configuration lost, measurement stopped (as after opcode 0x30).</summary>
    public void PowerGlitch()
    {
        bool changed;
        lock (_gate)
        {
            PowerOnResetLocked();
            changed = UpdateInterrupt();
        }

        Raise(changed);
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
            if (op == 0x30)
            {
                PowerOnResetLocked();
            }
            else if (op == 0x18)
            {
                foreach (var fifo in _fifos)
                {
                    fifo.Clear();
                }

                _initHostPicoseconds = _hostNowPicoseconds;
                _measuring = true;
            }
            else if ((op & 0x80) == 0x80)
            {
                int address = op & 0x1F;
                for (int i = 1; i < mosi.Length && address < ConfigRegisters; i++, address++)
                {
                    _config[address] = mosi[i];
                }
            }
            else if ((op & 0xE0) == 0x40)
            {
                int address = op & 0x1F;
                for (int i = 1; i < miso.Length && address < ConfigRegisters; i++, address++)
                {
                    miso[i] = _config[address];
                }
            }
            else if ((op & 0xE0) == 0x60)
            {
                ReadResults(op & 0x1F, miso);
            }

            changed = UpdateInterrupt();
        }

        Raise(changed);
    }

    private void ReadResults(int address, Span<byte> miso)
    {
        for (int i = 1; i < miso.Length && address <= 31; i++, address++)
        {
            if (address < 8)
            {
                continue;
            }

            int stop = (address - 8) / 6;
            int position = (address - 8) % 6;
            var fifo = _fifos[stop];
            if (fifo.Count == 0)
            {
                miso[i] = 0xFF;
                continue;
            }

            var (index, fraction) = fifo.Peek();
            int value = position < 3 ? index : fraction;
            int shift = 8 * (2 - (position % 3));
            miso[i] = (byte)(value >> shift);
            if (position == 5)
            {
                fifo.Dequeue(); // the entry leaves the FIFO once its last result byte is read
            }
        }
    }

    private void PowerOnResetLocked()
    {
        Array.Clear(_config);
        foreach (var fifo in _fifos)
        {
            fifo.Clear();
        }

        _measuring = false;
    }

    private int Divisions() => _config[3] | (_config[4] << 8) | ((_config[5] & 0x0F) << 16);

    private bool UpdateInterrupt()
    {
        bool any = false;
        foreach (var fifo in _fifos)
        {
            any |= fifo.Count > 0;
        }

        bool low = _measuring && any;
        if (low == _interruptLow)
        {
            return false;
        }

        _interruptLow = low;
        return true;
    }

    private void Raise(bool changed)
    {
        if (changed)
        {
            InterruptChanged?.Invoke(InterruptLow);
        }
    }
}

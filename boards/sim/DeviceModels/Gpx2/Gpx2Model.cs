using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels.Gpx2;

/// <summary>
/// Register-level model of a ScioSense TDC-GPX2 or AS6500 on SPI, written from the sources in
/// firmware/Drivers/Gpx2/README.md rather than from the driver (its tables are kept here separately, so a wrong
/// number in the driver fails a test): opcodes 0x30 power-on reset, 0x18 init, 0x80|addr write config, 0x40|addr read
/// config, 0x60|addr read results (auto-increment); SPI mode 1; four stop channels whose FIFO holds 16 results with
/// HIGH_RESOLUTION off, 8 at 2x and 4 at 4x; INTERRUPT low while any FIFO holds a result. The result registers carry
/// the reference index and stop data at the widths CFG2 selects on the TDC-GPX2 (24 bits each on the AS6500, whose
/// CFG2 width fields are fixed 0). An init with a configuration that breaks the values the datasheet fixes throws
/// <see cref="DatasheetViolationException"/>. The host side offers stop hits in host time with <see cref="Hit"/>.
/// </summary>
public sealed class Gpx2Model : ISpiDeviceModel
{
    public const int ConfigRegisters = 17;

    /// <summary>Bits of the reference index per REF_INDEX_BITWIDTH code (register description of CFG2).</summary>
    private static readonly int[] IndexBitsByCode = [0, 2, 4, 8, 16, 24, 6, 12];

    private readonly object _gate = new();
    private readonly byte[] _config = new byte[ConfigRegisters];
    private readonly Queue<(int Index, int Stop)>[] _fifos = [new(), new(), new(), new()];
    private readonly long[] _lost = new long[4];
    private bool _measuring;
    private long _initHostPicoseconds;
    private long _hostNowPicoseconds;
    private bool _interruptLow;
    private int _fifoDepth;
    private int _indexBits;
    private int _stopBits;

    /// <param name="part">The member of the family on the board.</param>
    /// <param name="referenceClockPeriodPicoseconds">Period of the REFCLK the board feeds the chip.</param>
    public Gpx2Model(Gpx2Part part = Gpx2Part.TdcGpx2, long referenceClockPeriodPicoseconds = 200000)
    {
        Part = part;
        ReferenceClockPeriodPicoseconds = referenceClockPeriodPicoseconds;
        Limits = new(part == Gpx2Part.As6500 ? "AS6500" : "TDC-GPX2", [1], 50_000_000);
    }

    public Gpx2Part Part { get; }

    public long ReferenceClockPeriodPicoseconds { get; }

    /// <summary>SPI mode 1 (CPOL 0, CPHA 1) only; SCK up to 50 MHz.</summary>
    public SpiChipLimits Limits { get; }

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

    /// <summary>Results each stop FIFO holds since the last init (16, 8 or 4 by HIGH_RESOLUTION).</summary>
    public int FifoDepth
    {
        get { lock (_gate) { return _fifoDepth; } }
    }

    /// <summary>Width of the reference index in the result registers since the last init.</summary>
    public int ReferenceIndexBits
    {
        get { lock (_gate) { return _indexBits; } }
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
                if (_fifos[stop].Count >= _fifoDepth)
                {
                    _lost[stop]++;
                }
                else
                {
                    _fifos[stop].Enqueue(((int)(index & Mask(_indexBits)), (int)(fraction & Mask(_stopBits))));
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
                StartMeasuringLocked();
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

    /// <summary>Init: checks the fixed values, takes the widths and FIFO depth the configuration selects, starts at index 0.</summary>
    private void StartMeasuringLocked()
    {
        string? violation = FixedValueViolation();
        if (violation is not null)
        {
            throw new DatasheetViolationException($"{Limits.Chip}: init with {violation}; the chip's behaviour is undefined");
        }

        int highResolution = _config[1] >> 6;
        _fifoDepth = 16 >> highResolution;
        _indexBits = Part == Gpx2Part.As6500 ? 24 : IndexBitsByCode[_config[2] & 7];
        _stopBits = Part == Gpx2Part.As6500 ? 24 : 14 + 2 * ((_config[2] >> 3) & 3);
        foreach (var fifo in _fifos)
        {
            fifo.Clear();
        }

        _initHostPicoseconds = _hostNowPicoseconds;
        _measuring = true;
    }

    /// <summary>The first register that breaks a value its part's datasheet fixes, described; null when none.</summary>
    private string? FixedValueViolation()
    {
        if (_config[1] >> 6 == 3)
        {
            return "CFG1 HIGH_RESOLUTION = 3 (reserved)";
        }

        bool as6500 = Part == Gpx2Part.As6500;
        byte[] fixed8To15 = as6500 ? [0xA1, 0x13, 0x00, 0x0A, 0xCC, 0x05, 0xF1, 0x7D] : [0xA1, 0x13, 0x00, 0x0A, 0xCC, 0xCC, 0xF1, 0x7D];
        for (int r = 8; r <= 15; r++)
        {
            if (_config[r] != fixed8To15[r - 8])
            {
                return $"CFG{r} = 0x{_config[r]:X2}, fixed at 0x{fixed8To15[r - 8]:X2}";
            }
        }

        if (as6500)
        {
            return (_config[0] & 0x20) != 0 ? $"CFG0 = 0x{_config[0]:X2}: bit 5 is fixed 0 (no LVDS output)"
                : (_config[2] & 0x3F) != 0 ? $"CFG2 = 0x{_config[2]:X2}: bits 5..0 are fixed 0"
                : _config[6] != 0xC0 ? $"CFG6 = 0x{_config[6]:X2}, fixed at 0xC0"
                : (_config[7] & 0x7F) != 0x23 ? $"CFG7 = 0x{_config[7]:X2}: bits 6..0 are fixed 0100011"
                : _config[16] != 0x04 ? $"CFG16 = 0x{_config[16]:X2}, fixed at 0x04"
                : null;
        }

        return (_config[6] & 0xEF) != 0xC0 ? $"CFG6 = 0x{_config[6]:X2}: bits 7..5 are fixed 110, bits 3..0 0"
            : (_config[7] & 0x4F) != 0x43 ? $"CFG7 = 0x{_config[7]:X2}: bit 6 is fixed 1, bits 3..0 0011"
            : (_config[16] & 0xFB) != 0 ? $"CFG16 = 0x{_config[16]:X2}: only bit 2 (CMOS_INPUT) may be set"
            : null;
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

    private static long Mask(int bits) => (1L << bits) - 1;

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

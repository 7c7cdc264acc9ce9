using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.Gpx2
{
    /// <summary>
    /// TDC-GPX2 / AS6500 time tagger over SPI, read while its INTERRUPT line is low. Each result is a 24-bit reference
    /// index (REFCLK periods since init; the configuration selects 24 bits) plus a stop fraction in LSB = period /
    /// REFCLK_DIVISIONS. The index rolls over every 2^24 periods (3.36 s at 5 MHz); the driver extends it with the shared <see cref="RolloverExtender"/>,
    /// advancing its reference by the board clock so a silence longer than a roll-over still lands in the right epoch.
    /// </summary>
    public sealed class Gpx2TimeTagger : ITimeTagger
    {
        /// <summary>Consecutive empty or all-zero reads with INTERRUPT low after which the chip is declared absent.</summary>
        public const int DeadReadsBeforeFault = 3;

        /// <summary>The bus the datasheet specifies; board adapters open the tagger's chip select with it.</summary>
        public static readonly SpiBusSettings BusSettings = new SpiBusSettings(Gpx2Registers.SpiMode, Gpx2Registers.MaxSpiClockHz);

        private readonly ISpiDevice _spi;
        private readonly IDigitalInput _interrupt;
        private readonly IMonotonicClock _clock;
        private readonly Gpx2Settings _settings;
        private readonly byte[] _configuration;
        private readonly TimeTaggerCounters _counters = new TimeTaggerCounters();
        private readonly byte[] _tx = new byte[1 + Gpx2Registers.ConfigBytes + Gpx2Registers.ResultBytes];
        private readonly byte[] _rx = new byte[1 + Gpx2Registers.ConfigBytes + Gpx2Registers.ResultBytes];
        private readonly long[] _lastPicosecondsPerStop = new long[Gpx2Registers.StopChannels];
        private readonly int[] _consecutiveReadsWithData = new int[Gpx2Registers.StopChannels];
        private readonly RolloverExtender _index;
        private readonly long _periodPicoseconds;
        private readonly long _divisions;
        private readonly int _fifoDepth;

        private long _lastIndexBoardMicroseconds;
        private long _rolloversCounted;
        private int _deadReads;
        private bool _started;

        /// <param name="interruptLine">INTERRUPT (low = results waiting); null to poll.</param>
        /// <param name="clock">Board clock, used to carry the index extension across long silences.</param>
        public Gpx2TimeTagger(ISpiDevice spi, IDigitalInput interruptLine, IMonotonicClock clock, Gpx2Settings settings)
        {
            if (spi == null || clock == null || settings == null)
            {
                throw new System.ArgumentNullException(spi == null ? "spi" : clock == null ? "clock" : "settings");
            }

            _spi = spi;
            _interrupt = interruptLine;
            _clock = clock;
            _settings = settings;
            _configuration = settings.BuildConfiguration();
            _periodPicoseconds = settings.ReferenceClockPeriodPicoseconds;
            _divisions = settings.RefclkDivisions;
            _fifoDepth = settings.FifoDepth;
            _index = new RolloverExtender(settings.ReferenceIndexBits);
        }

        public string Name
        {
            get { return (_settings.Part == Gpx2Part.As6500 ? "AS6500 (" : "TDC-GPX2 (") + _spi.Name + ")"; }
        }

        /// <summary>Logical channels span 0..4 (H, V, D, A, beacon) whatever subset the stops carry.</summary>
        public int ChannelCount
        {
            get { return 5; }
        }

        public TimeTaggerCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>
        /// Times a stop FIFO was drained of all <see cref="Gpx2Settings.FifoDepth"/> entries in one
        /// service, i.e. it was full and may have dropped hits. Each one is also added to Counters.Overflowed (the
        /// chip cannot say how many were dropped, so that figure is a lower bound on occasions, not on events).
        /// </summary>
        public long FifoFullObservations { get; private set; }

        /// <summary>The 17 configuration bytes this driver writes.</summary>
        public byte[] Configuration
        {
            get { return _configuration; }
        }

        /// <summary>Power-on reset, write and verify the configuration, init (starts measuring at index 0).</summary>
        /// <exception cref="HalException">DeviceAbsent when the read-back is all 0xFF/0x00 or differs from what was written.</exception>
        public void Start()
        {
            Command(Gpx2Registers.OpPowerOnReset);
            WriteAndVerifyConfiguration();
            Command(Gpx2Registers.OpInit);
            _index.Reset();
            _rolloversCounted = 0;
            _deadReads = 0;
            _lastIndexBoardMicroseconds = _clock.NowMicroseconds;
            for (int i = 0; i < _lastPicosecondsPerStop.Length; i++)
            {
                _lastPicosecondsPerStop[i] = long.MinValue;
            }

            _started = true;
        }

        /// <summary>
        /// Re-reads the configuration (e.g. once a second): a chip that lost power or stopped answering is reported
        /// here even when no hits arrive.
        /// </summary>
        public void VerifyConfiguration()
        {
            ReadConfiguration();
            CheckConfiguration();
        }

        /// <summary>
        /// While INTERRUPT is low (or once, when it is not wired), reads all four channels' results and appends the
        /// valid ones. Needs room for 4 records per read. Allocation-free.
        /// </summary>
        public int ReadBatch(long[] timestampsPicoseconds, byte[] channels, int offset, int maxCount)
        {
            if (!_started)
            {
                throw new System.InvalidOperationException("Gpx2TimeTagger.Start() has not been called");
            }

            int written = 0;
            for (int s = 0; s < Gpx2Registers.StopChannels; s++)
            {
                _consecutiveReadsWithData[s] = 0;
            }

            // A full FIFO in every channel drains in FifoDepth reads; one more shows it is empty.
            for (int read = 0; read <= _fifoDepth; read++)
            {
                bool interruptLow = _interrupt != null && !_interrupt.IsHigh;
                if (_interrupt != null && !interruptLow)
                {
                    break;
                }

                if (maxCount - written < Gpx2Registers.StopChannels)
                {
                    break;
                }

                int got = ReadResultsOnce(timestampsPicoseconds, channels, offset + written, interruptLow);
                if (got < 0)
                {
                    break;
                }

                written += got;
                if (_interrupt == null && got == 0)
                {
                    break;
                }
            }

            _counters.Rollovers += _index.Rollovers - _rolloversCounted;
            _rolloversCounted = _index.Rollovers;
            _counters.Delivered += written;
            return written;
        }

        /// <summary>Time of a result in picoseconds on the extended index (exposed for tests and calibration).</summary>
        public long ToPicoseconds(long extendedIndex, int stopResult)
        {
            return extendedIndex * _periodPicoseconds + (stopResult * _periodPicoseconds) / _divisions;
        }

        /// <returns>Records written, or -1 when the read held no valid result (stop reading).</returns>
        private int ReadResultsOnce(long[] timestamps, byte[] channels, int at, bool interruptLow)
        {
            int count = 1 + Gpx2Registers.ResultBytes;
            System.Array.Clear(_tx, 0, count);
            _tx[0] = (byte)(Gpx2Registers.OpReadResults | Gpx2Registers.FirstResultRegister);
            _spi.Transfer(_tx, _rx, count);

            bool allZero = DeviceAbsenceCheck.LooksAbsent(_rx, 1, Gpx2Registers.ResultBytes) && _rx[1] == 0x00;
            long now = _clock.NowMicroseconds;
            int written = 0;
            bool anyValid = false;
            if (!allZero)
            {
                for (int s = 0; s < Gpx2Registers.StopChannels; s++)
                {
                    int p = 1 + s * Gpx2Registers.ResultBytesPerChannel;
                    int index = (_rx[p] << 16) | (_rx[p + 1] << 8) | _rx[p + 2];
                    int stop = (_rx[p + 3] << 16) | (_rx[p + 4] << 8) | _rx[p + 5];
                    if (stop >= _divisions)
                    {
                        // Empty FIFO (reads all ones) or a fraction the configuration makes impossible.
                        _consecutiveReadsWithData[s] = 0;
                        continue;
                    }

                    anyValid = true;
                    if (++_consecutiveReadsWithData[s] == _fifoDepth)
                    {
                        FifoFullObservations++;
                        _counters.Overflowed++;
                    }

                    byte logical = s < _settings.LogicalChannelOfStop.Length ? _settings.LogicalChannelOfStop[s] : (byte)0xFF;
                    long extended = _index.ExtendNear(index, PredictIndex(now));
                    long ps = ToPicoseconds(extended, stop);
                    if (logical == 0xFF || ps <= _lastPicosecondsPerStop[s])
                    {
                        // A hit on a stop the board does not use, or time not advancing on one input: not trusted.
                        _counters.Missed++;
                        continue;
                    }

                    _lastPicosecondsPerStop[s] = ps;
                    timestamps[at + written] = ps;
                    channels[at + written] = logical;
                    written++;
                }
            }

            if (anyValid)
            {
                _lastIndexBoardMicroseconds = now;
                _deadReads = 0;
                return written;
            }

            // INTERRUPT says data is waiting but nothing came back, or the bus reads all zeros: a chip not answering.
            if (allZero || interruptLow)
            {
                if (++_deadReads >= DeadReadsBeforeFault)
                {
                    throw new HalException(HalFault.DeviceAbsent, _spi.Name,
                        "TDC-GPX2: no valid result in " + _deadReads + " reads" + (interruptLow ? " with INTERRUPT low" : string.Empty));
                }
            }

            return -1;
        }

        /// <summary>The index now expected: last extended index plus the board time elapsed since it was seen.</summary>
        private long PredictIndex(long nowMicroseconds)
        {
            if (!_index.HasValue)
            {
                return 0;
            }

            long elapsed = nowMicroseconds - _lastIndexBoardMicroseconds;
            if (elapsed <= 0)
            {
                return _index.Last;
            }

            return _index.Last + elapsed * 1000000 / _periodPicoseconds;
        }

        private void WriteAndVerifyConfiguration()
        {
            _tx[0] = (byte)(Gpx2Registers.OpWriteConfig | 0);
            System.Array.Copy(_configuration, 0, _tx, 1, Gpx2Registers.ConfigBytes);
            _spi.Transfer(_tx, _rx, 1 + Gpx2Registers.ConfigBytes);
            ReadConfiguration();
            CheckConfiguration();
        }

        private void ReadConfiguration()
        {
            System.Array.Clear(_tx, 0, 1 + Gpx2Registers.ConfigBytes);
            _tx[0] = (byte)(Gpx2Registers.OpReadConfig | 0);
            _spi.Transfer(_tx, _rx, 1 + Gpx2Registers.ConfigBytes);
        }

        private void CheckConfiguration()
        {
            if (DeviceAbsenceCheck.LooksAbsent(_rx, 1, Gpx2Registers.ConfigBytes))
            {
                throw new HalException(HalFault.DeviceAbsent, _spi.Name,
                    "TDC-GPX2: configuration reads back all 0x" + _rx[1].ToString("X2") + ": chip not answering");
            }

            for (int i = 0; i < Gpx2Registers.ConfigBytes; i++)
            {
                if (_rx[1 + i] != _configuration[i])
                {
                    throw new HalException(HalFault.DeviceAbsent, _spi.Name,
                        "TDC-GPX2: configuration mismatch at CFG" + i + ": wrote 0x" + _configuration[i].ToString("X2")
                        + ", read 0x" + _rx[1 + i].ToString("X2"));
                }
            }
        }

        private void Command(byte opcode)
        {
            _tx[0] = opcode;
            _spi.Transfer(_tx, _rx, 1);
        }
    }
}

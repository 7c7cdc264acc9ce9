using GroundStation.Hal;

namespace GroundStation.Firmware.Drivers.FifoTagger
{
    /// <summary>
    /// Driver of the FPGA FIFO time tagger (register map in README.md). Each <see cref="ReadBatch"/> costs one STATUS
    /// read and at most one burst read; all buffers are allocated once here, so the readout path allocates nothing.
    /// </summary>
    public sealed class FifoTimeTagger : ITimeTagger
    {
        /// <summary>Most records fetched in one burst (bounds the SPI buffer: 2 + 8 * 128 bytes).</summary>
        public const int MaxBurstRecords = 128;

        /// <summary>The bus the register map specifies; board adapters open the tagger's chip select with it.</summary>
        public static readonly SpiBusSettings BusSettings = new SpiBusSettings(FifoTaggerRegisters.SpiMode, FifoTaggerRegisters.MaxSpiClockHz);

        private readonly ISpiDevice _spi;
        private readonly IDigitalInput _readyLine;
        private readonly TimeTaggerCounters _counters = new TimeTaggerCounters();
        private readonly byte[] _tx = new byte[FifoTaggerRegisters.ReadHeaderBytes + MaxBurstRecords * FifoTaggerRegisters.RecordBytes];
        private readonly byte[] _rx = new byte[FifoTaggerRegisters.ReadHeaderBytes + MaxBurstRecords * FifoTaggerRegisters.RecordBytes];
        // Register frames use their own buffers: a register read in the middle of parsing a burst must not clobber it.
        private readonly byte[] _registerTx = new byte[FifoTaggerRegisters.ReadRegisterFrameBytes];
        private readonly byte[] _registerRx = new byte[FifoTaggerRegisters.ReadRegisterFrameBytes];
        private readonly long[] _lastPicosecondsPerChannel = new long[FifoTaggerRegisters.Channels];
        private readonly RolloverExtender _time = new RolloverExtender(FifoTaggerRegisters.TimeBits);
        private readonly uint _channelEnableMask;
        private readonly uint _readyThreshold;
        private readonly int[] _decodeProgress = new int[2];
        private IFifoRecordDecoder _decoder;

        private long _lsbFemtoseconds;
        private long _picosecondsPerUnit;
        private long _rolloversCounted;
        private long _resetOffsetPicoseconds;
        private long _lastDeliveredPicoseconds;
        private uint _lastLostCount;
        private int _expectedSequence;
        private bool _sequenceKnown;
        private bool _started;

        /// <param name="spi">The tagger's chip select.</param>
        /// <param name="readyLine">READY_N (low = records waiting) if the board wires it, else null.</param>
        /// <param name="channelEnableMask">Bit n enables input n (default 0x1F: detectors H, V, D, A and the beacon).</param>
        /// <param name="readyThreshold">FIFO level at which READY_N asserts.</param>
        public FifoTimeTagger(ISpiDevice spi, IDigitalInput readyLine, int channelEnableMask, int readyThreshold)
        {
            if (spi == null)
            {
                throw new System.ArgumentNullException("spi");
            }

            _spi = spi;
            _readyLine = readyLine;
            _channelEnableMask = (byte)channelEnableMask;
            _readyThreshold = Reinterpret.AsUInt32(readyThreshold < 1 ? 1 : readyThreshold);
        }

        public FifoTimeTagger(ISpiDevice spi)
            : this(spi, null, 0x1F, 1)
        {
        }

        public string Name
        {
            get { return "FPGA FIFO tagger (" + _spi.Name + ")"; }
        }

        public int ChannelCount
        {
            get { return FifoTaggerRegisters.Channels; }
        }

        public TimeTaggerCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>
        /// Hands the record loop to <paramref name="decoder"/> (the native core; null: this driver's own loop). Call
        /// before <see cref="Start"/>. The bus, the burst and LOST_COUNT stay here.
        /// </summary>
        public void UseDecoder(IFifoRecordDecoder decoder)
        {
            if (_started)
            {
                throw new System.InvalidOperationException("FifoTimeTagger.UseDecoder after Start");
            }

            _decoder = decoder;
        }

        /// <summary>FIFO depth the FPGA reported at <see cref="Start"/>.</summary>
        public int FifoDepth { get; private set; }

        /// <summary>Record time unit the FPGA reported, in femtoseconds.</summary>
        public long TimeLsbFemtoseconds
        {
            get { return _lsbFemtoseconds; }
        }

        /// <summary>True when READY_N is wired and low (records waiting); true when not wired (caller must poll).</summary>
        public bool DataReady
        {
            get { return _readyLine == null || !_readyLine.IsHigh; }
        }

        /// <summary>
        /// Resets the tagger, checks identity and version, configures channel enables and the ready threshold, reads
        /// back what it wrote and starts capture.
        /// </summary>
        /// <exception cref="HalException">DeviceAbsent when nothing answers or the identity/version/read-back is wrong.</exception>
        public void Start()
        {
            WriteRegister(FifoTaggerRegisters.Reset, FifoTaggerRegisters.ResetKey);
            uint id = ReadRegister(FifoTaggerRegisters.Identity);
            if (id != FifoTaggerRegisters.IdentityValue)
            {
                throw Absent("IDENTITY reads 0x" + id.ToString("X8") + ", expected 0x" + FifoTaggerRegisters.IdentityValue.ToString("X8"));
            }

            uint version = ReadRegister(FifoTaggerRegisters.Version);
            if ((byte)(version >> 16) != FifoTaggerRegisters.SupportedMajorVersion)
            {
                throw Absent("register map version 0x" + version.ToString("X8") + " not supported");
            }

            FifoDepth = (ushort)ReadRegister(FifoTaggerRegisters.FifoDepth);
            _lsbFemtoseconds = ReadRegister(FifoTaggerRegisters.TimeLsbFemtoseconds);
            if (FifoDepth < 2 || _lsbFemtoseconds == 0)
            {
                throw Absent("implausible FIFO_DEPTH " + FifoDepth + " or TIME_LSB_FS " + _lsbFemtoseconds);
            }

            _picosecondsPerUnit = PicosecondsPerUnit(_lsbFemtoseconds);
            _time.Reset();
            _rolloversCounted = 0;
            _sequenceKnown = false;
            _lastLostCount = 0;
            for (int i = 0; i < _lastPicosecondsPerChannel.Length; i++)
            {
                _lastPicosecondsPerChannel[i] = long.MinValue;
            }

            if (_decoder != null)
            {
                _decoder.Start(_lsbFemtoseconds);
            }

            Configure();
            _started = true;
        }

        /// <summary>
        /// Reads up to <paramref name="maxCount"/> event records (time marks and fillers are consumed, not delivered).
        /// Allocation-free. A tagger reset discovered here is counted in <see cref="TimeTaggerCounters.Resets"/>, the
        /// tagger is reconfigured, and times continue monotonically from the last delivered one.
        /// </summary>
        public int ReadBatch(long[] timestampsPicoseconds, byte[] channels, int offset, int maxCount)
        {
            if (!_started)
            {
                throw new System.InvalidOperationException("FifoTimeTagger.Start() has not been called");
            }

            uint status = ReadStatusChecked();
            if ((status & FifoTaggerRegisters.StatusResetSeen) != 0)
            {
                RecoverFromReset();
                status = ReadStatusChecked();
            }

            if ((status & FifoTaggerRegisters.StatusOverflow) != 0)
            {
                AccountOverflow();
            }

            int level = (ushort)(status & FifoTaggerRegisters.StatusLevelMask); // conv.u2: an int on nanoCLR too
            int want = level;
            if (want > maxCount)
            {
                want = maxCount;
            }

            if (want > MaxBurstRecords)
            {
                want = MaxBurstRecords;
            }

            if (want <= 0)
            {
                return 0;
            }

            int frameBytes = FifoTaggerRegisters.ReadHeaderBytes + want * FifoTaggerRegisters.RecordBytes;
            System.Array.Clear(_tx, 0, frameBytes);
            _tx[0] = FifoTaggerRegisters.OpReadFifo;
            _spi.Transfer(_tx, _rx, frameBytes);
            if (_decoder != null)
            {
                return DecodeElsewhere(timestampsPicoseconds, channels, offset, want);
            }

            int written = 0;
            for (int r = 0; r < want; r++)
            {
                int p = FifoTaggerRegisters.ReadHeaderBytes + r * FifoTaggerRegisters.RecordBytes;
                int channelAndFlags = _rx[p + 6];
                int channel = channelAndFlags >> 4;
                int flags = channelAndFlags & 0x0F;
                if (channel == FifoTaggerRegisters.ChannelFiller)
                {
                    // The FIFO emptied under the burst (a reset mid-burst): records it announced are gone.
                    _counters.Missed += want - r;
                    break;
                }

                if ((flags & FifoTaggerRegisters.FlagReservedMask) != 0)
                {
                    _counters.Missed++;
                    continue;
                }

                CheckSequence(_rx[p + 7]);
                if ((flags & FifoTaggerRegisters.FlagOverflowBefore) != 0)
                {
                    AccountOverflow();
                }

                // 48-bit big-endian time from 16-bit int pieces: int -> long is conv.i8, typed signed on nanoCLR
                // (byte -> long would be conv.u8, typed unsigned, and the roll-over arithmetic on it would shift wrong).
                int high = (_rx[p] << 8) | _rx[p + 1];
                int middle = (_rx[p + 2] << 8) | _rx[p + 3];
                int low = (_rx[p + 4] << 8) | _rx[p + 5];
                long raw = ((long)high << 32) | ((long)middle << 16) | (long)low;
                long units = _time.Extend(raw);
                if (channel == FifoTaggerRegisters.ChannelTimeMark)
                {
                    continue;
                }

                if (channel >= FifoTaggerRegisters.Channels)
                {
                    _counters.Missed++;
                    continue;
                }

                long ps = _resetOffsetPicoseconds + UnitsToPicoseconds(units, _lsbFemtoseconds, _picosecondsPerUnit);
                if (ps < _lastPicosecondsPerChannel[channel])
                {
                    // Time went backwards on one input: the record cannot be trusted.
                    _counters.Missed++;
                    continue;
                }

                _lastPicosecondsPerChannel[channel] = ps;
                if (ps > _lastDeliveredPicoseconds)
                {
                    _lastDeliveredPicoseconds = ps;
                }

                timestampsPicoseconds[offset + written] = ps;
                channels[offset + written] = (byte)channel;
                written++;
            }

            _counters.Rollovers += _time.Rollovers - _rolloversCounted;
            _rolloversCounted = _time.Rollovers;
            _counters.Delivered += written;
            return written;
        }

        /// <summary>The record loop in the decoder; it stops before each record whose overflow this driver accounts.</summary>
        private int DecodeElsewhere(long[] timestampsPicoseconds, byte[] channels, int offset, int want)
        {
            int[] progress = _decodeProgress;
            progress[0] = 0;
            progress[1] = 0;
            while (_decoder.Decode(_rx, FifoTaggerRegisters.ReadHeaderBytes, want, timestampsPicoseconds, channels, offset, progress))
            {
                AccountOverflow();
            }

            _decoder.AddCountersTo(_counters);
            return progress[1];
        }

        /// <summary>
        /// The record unit in whole picoseconds (1 for the register map's default 1 ps), or 0 when the unit is not a whole
        /// number of picoseconds; worked out once at <see cref="Start"/> for <see cref="UnitsToPicoseconds"/>.
        /// </summary>
        public static long PicosecondsPerUnit(long lsbFemtoseconds)
        {
            return lsbFemtoseconds % 1000 == 0 ? lsbFemtoseconds / 1000 : 0;
        }

        /// <summary>
        /// Converts tagger units to picoseconds, floor(units x lsb / 1000), without overflowing for any time a long holds
        /// in ps: (units / 1000) x lsb + ((units % 1000) x lsb) / 1000. With a whole number k of ps per unit that is
        /// exactly units x k (modulo 2^64 too), so the default 1 ps unit is the identity and other whole-ps units one
        /// multiply: no 64-bit division per record, which the ESP32's 32-bit core does in software (the native core,
        /// firmware/Native gs_fifo.c, does the same). <paramref name="picosecondsPerUnit"/>: <see cref="PicosecondsPerUnit"/>.
        /// </summary>
        public static long UnitsToPicoseconds(long units, long lsbFemtoseconds, long picosecondsPerUnit)
        {
            if (picosecondsPerUnit == 1)
            {
                return units;
            }

            if (picosecondsPerUnit != 0)
            {
                return units * picosecondsPerUnit;
            }

            return (units / 1000) * lsbFemtoseconds + ((units % 1000) * lsbFemtoseconds) / 1000;
        }

        private void CheckSequence(int sequence)
        {
            if (_sequenceKnown && sequence != _expectedSequence)
            {
                _counters.Missed += (sequence - _expectedSequence) & 0xFF;
            }

            _expectedSequence = (sequence + 1) & 0xFF;
            _sequenceKnown = true;
        }

        private void AccountOverflow()
        {
            uint lost = ReadRegister(FifoTaggerRegisters.LostCount);
            _counters.Overflowed += (long)(uint)(lost - _lastLostCount);
            _lastLostCount = lost;
            WriteRegister(FifoTaggerRegisters.Status, FifoTaggerRegisters.StatusOverflow);
        }

        private void RecoverFromReset()
        {
            _counters.Resets++;

            // The tagger's clock restarted at 0: continue after the last time delivered so every channel stays monotonic.
            _resetOffsetPicoseconds = _lastDeliveredPicoseconds + 1;
            if (_decoder != null)
            {
                _decoder.OnReset(); // the decoder knows the last time it delivered
            }

            _time.Reset();
            _rolloversCounted = 0;
            _sequenceKnown = false;
            _lastLostCount = 0;
            Configure();
        }

        private void Configure()
        {
            WriteRegister(FifoTaggerRegisters.ChannelEnable, _channelEnableMask);
            WriteRegister(FifoTaggerRegisters.ReadyThreshold, _readyThreshold);
            uint enables = ReadRegister(FifoTaggerRegisters.ChannelEnable);
            uint threshold = ReadRegister(FifoTaggerRegisters.ReadyThreshold);
            if (enables != _channelEnableMask || threshold != _readyThreshold)
            {
                throw Absent("configuration read-back mismatch: CHANNEL_ENABLE 0x" + enables.ToString("X2") + ", READY_THRESHOLD " + threshold);
            }

            WriteRegister(FifoTaggerRegisters.Status, FifoTaggerRegisters.StatusResetSeen | FifoTaggerRegisters.StatusOverflow);
            WriteRegister(FifoTaggerRegisters.Control, FifoTaggerRegisters.ControlRun);
        }

        private uint ReadStatusChecked()
        {
            uint status = ReadRegister(FifoTaggerRegisters.Status);
            if ((status & FifoTaggerRegisters.StatusSignatureMask) != FifoTaggerRegisters.StatusSignature)
            {
                throw Absent("STATUS reads 0x" + status.ToString("X8") + " (signature 0x5A missing): tagger not answering");
            }

            return status;
        }

        private uint ReadRegister(byte address)
        {
            System.Array.Clear(_registerTx, 0, FifoTaggerRegisters.ReadRegisterFrameBytes);
            _registerTx[0] = (byte)(FifoTaggerRegisters.OpReadRegister | (address & FifoTaggerRegisters.AddressMask));
            _spi.Transfer(_registerTx, _registerRx, FifoTaggerRegisters.ReadRegisterFrameBytes);
            int p = FifoTaggerRegisters.ReadHeaderBytes;
            return ((uint)_registerRx[p] << 24) | ((uint)_registerRx[p + 1] << 16) | ((uint)_registerRx[p + 2] << 8) | _registerRx[p + 3];
        }

        private void WriteRegister(byte address, uint value)
        {
            _registerTx[0] = (byte)(FifoTaggerRegisters.OpWriteRegister | (address & FifoTaggerRegisters.AddressMask));
            _registerTx[1] = (byte)(value >> 24);
            _registerTx[2] = (byte)(value >> 16);
            _registerTx[3] = (byte)(value >> 8);
            _registerTx[4] = (byte)value;
            _spi.Transfer(_registerTx, _registerRx, FifoTaggerRegisters.WriteRegisterFrameBytes);
        }

        private HalException Absent(string message)
        {
            return new HalException(HalFault.DeviceAbsent, _spi.Name, "FPGA FIFO tagger: " + message);
        }
    }
}

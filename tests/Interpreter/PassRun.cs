using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>One event after the timing engine saw it (for desktop tests that score against the truth themselves).</summary>
    public delegate void PassEventObserver(PassEvent e, bool assigned, long slot, int residualPs);

    /// <summary>
    /// The compare scenario: a generated pass through the device core as the application wires it. The timing engine
    /// gets one event per ProcessBatch call (so each output maps to its input and is scored against the truth), its
    /// assigned detections go to the ground sifter in batches of 64, an application timer closes the announcement
    /// every 100 ms of tagger time, and the satellite/host side answers every message. At the end the host flushes.
    /// </summary>
    public sealed class PassRun
    {
        /// <summary>Detections handed to the sifter at a time (the firmware's DetectionBatchSize).</summary>
        public const int SiftInputBatch = 64;

        private const long CloseAnnouncementPs = 100000000000L;
        private const long BoardRandomSalt = 0x0B0A4D;

        private readonly long[] _inTime = new long[1];
        private readonly byte[] _inChannel = new byte[1];
        private readonly long[] _outSlot = new long[1];
        private readonly byte[] _outChannel = new byte[1];
        private readonly int[] _outResidual = new int[1];
        private readonly long[] _siftSlots = new long[SiftInputBatch];
        private readonly byte[] _siftChannels = new byte[SiftInputBatch];
        private readonly byte[] _record = new byte[13];
        private int _siftCount;
        private uint _streamCrc = Crc32.Start;
        private uint _outputCrc = Crc32.Start;

        public PassRun(ScenarioParameters p)
        {
            p.Resolve();
            Parameters = p;
            Clock = new PassClock(p);
            Stream = new PassStream(p, Clock, new SlotTruth(p.Seed, p.QberPpm, p.MultiClickPpm));

            TimingConfig timing = new TimingConfig();
            timing.HoldoverMaxMs = (int)p.HoldoverMaxMs;
            Engine = new TimingEngine(timing);
            long slotsPerUs = PassClock.PulseRateHz / 1000000;
            Engine.SetCoarsePrediction(Clock.GroundStartPs, Clock.StartSlot + (p.PredictionOffsetUs * slotsPerUs), p.PredictionUncertaintyUs * 1000000);

            SiftingConfig sifting = CreateSiftingConfig(p);
            Queue = new MessageQueue(8, sifting.MaxPayloadBytes);
            Sifter = new GroundSifter(sifting, new SplitMix(p.Seed ^ BoardRandomSalt), Queue);
            Satellite = new SatelliteSide(p, sifting, Sifter);
        }

        public ScenarioParameters Parameters { get; }

        public PassClock Clock { get; }

        public PassStream Stream { get; }

        public TimingEngine Engine { get; }

        public MessageQueue Queue { get; }

        public GroundSifter Sifter { get; }

        public SatelliteSide Satellite { get; }

        public TimingTruth Truth { get; } = new TimingTruth();

        public StateLog States { get; } = new StateLog(32);

        /// <summary>Over-light trips of the cost run's detector controller (CostStage 3; 0 otherwise).</summary>
        public long OverLightTrips { get; set; }

        public PassEventObserver OnEvent;

        /// <summary>CRC-32 of every event of the stream: time (8 bytes little-endian) and channel.</summary>
        public uint StreamCrc
        {
            get { return Crc32.Finish(_streamCrc); }
        }

        /// <summary>CRC-32 of every assignment in order: slot (8 bytes), channel, residual ps (4 bytes).</summary>
        public uint OutputCrc
        {
            get { return Crc32.Finish(_outputCrc); }
        }

        /// <summary>The sifting settings of the scenarios: firmware defaults with BlockBits-bit blocks.</summary>
        public static SiftingConfig CreateSiftingConfig(ScenarioParameters p)
        {
            SiftingConfig config = new SiftingConfig(ReceiverMap.Default());
            config.BlockBitCapacity = (int)p.BlockBits;
            int needed = SiftedBlockCodec.MaxLength(config.BlockBitCapacity);
            config.MaxPayloadBytes = needed > 1024 ? needed : 1024;
            return config;
        }

        public void Run()
        {
            PassEvent e = new PassEvent();
            long nextClosePs = Clock.GroundStartPs + CloseAnnouncementPs;
            while (Stream.Next(e))
            {
                LittleEndian.Write64(_record, 0, e.TimePs);
                _record[8] = e.Channel;
                _streamCrc = Crc32.Update(_streamCrc, _record, 0, 9);

                _inTime[0] = e.TimePs;
                _inChannel[0] = e.Channel;
                bool assigned = Engine.ProcessBatch(_inTime, _inChannel, 0, 1, _outSlot, _outChannel, _outResidual, 0) == 1;
                States.Observe(Engine.State, e.TimePs);
                Truth.Score(e, assigned, _outSlot[0], Engine.State == TimingState.Locked);
                if (OnEvent != null)
                {
                    OnEvent(e, assigned, assigned ? _outSlot[0] : -1, assigned ? _outResidual[0] : 0);
                }

                if (assigned)
                {
                    LittleEndian.Write64(_record, 0, _outSlot[0]);
                    _record[8] = _outChannel[0];
                    LittleEndian.Write(_record, 9, _outResidual[0], 4);
                    _outputCrc = Crc32.Update(_outputCrc, _record, 0, 13);
                    _siftSlots[_siftCount] = _outSlot[0];
                    _siftChannels[_siftCount] = _outChannel[0];
                    _siftCount++;
                    if (_siftCount == SiftInputBatch)
                    {
                        FeedSifter();
                    }
                }

                if (e.TimePs >= nextClosePs)
                {
                    nextClosePs += CloseAnnouncementPs;
                    Sifter.CloseAnnouncement();
                    Pump();
                }
            }

            FeedSifter();
            Satellite.SendFlush();
            Pump();
        }

        private void FeedSifter()
        {
            Sifter.Accept(_siftSlots, _siftChannels, 0, _siftCount);
            _siftCount = 0;
            Pump();
        }

        /// <summary>Lets the sifter send what is due and hands each message to the satellite/host side, until quiet.</summary>
        public void Pump()
        {
            while (true)
            {
                Sifter.Service();
                if (!Queue.Take())
                {
                    return;
                }

                Satellite.Handle(Queue.Type, Queue.Payload, Queue.Length);
            }
        }
    }
}

using System.Threading;
using GroundStation.Firmware.App.Config;
using GroundStation.Firmware.App.NativeTask;
using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The firmware: composes drivers, timing, sifting and the link on one board's resources and runs them in one
    /// loop (firmware/README.md, "Threading model"). The drivers are those the board's wiring names (tagger, bias DAC
    /// and monitor ADC channel per detector, <see cref="BoardChips"/>). Boards call <see cref="Run"/>, which never
    /// returns on a device; tests and the simulation board drive <see cref="Step"/> one iteration at a time instead.
    /// </summary>
    public sealed class FirmwareApp
    {
        private const int IdleWaitMilliseconds = 2;
        private const int WatchdogTimeoutMilliseconds = 5000;

        /// <summary>Announcements close at least this often, so a slow detection rate still flows to the host.</summary>
        private const long AnnounceIntervalMicroseconds = 50000;

        private readonly BoardResources _board;
        private readonly DeviceEndpoint _link;
        private readonly SafeState _safe;
        private readonly ConfigManager _config;
        private readonly ITimeTagger _tagger;
        private readonly SpcmController _detectors;
        private readonly LiveConfiguration _live;
        private readonly ITimingEngine _timing;
        private readonly GroundSifter _sifter;
        private readonly SiftingConfig _sifting;
        private readonly AcquisitionPipeline _pipeline;
        private readonly NativeTaskAcquisition _task; // the custom image's acquisition task; null: _pipeline runs
        private readonly TelemetryPublisher _telemetry;
        private readonly AutoResetEvent _taggerReady = new AutoResetEvent(false);
        private int _stopRequested; // 1 once RequestStop ran; Interlocked, since nanoFramework has no volatile
        private bool _started;
        private bool _taggerRunning;
        private bool _starveWatchdog;
        private bool _selfTestPassed;
        private long _lastAnnounceUs;
        private string _startupReport = "";
        private string _taskNote = "";

        public FirmwareApp(BoardResources board)
            : this(board, null)
        {
        }

        /// <param name="board">The board's resources.</param>
        /// <param name="core">The per-event core (firmware/Native/README.md "Seam"); null: the managed core.</param>
        public FirmwareApp(BoardResources board, IAcquisitionCore core)
            : this(board, core, null, null)
        {
        }

        /// <param name="board">The board's resources.</param>
        /// <param name="core">The per-event core (firmware/Native/README.md "Seam"); null: the managed core.</param>
        /// <param name="nativeTask">
        /// The custom ESP32 image's acquisition task (firmware/Native/README.md "Device path"), or null. Used when the
        /// image carries its native table (<see cref="NativeTaskAcquisition.IsPresent"/>) and accepts this
        /// configuration; otherwise the firmware runs <see cref="AcquisitionPipeline"/> on <paramref name="core"/>.
        /// </param>
        /// <param name="taskWiring">The tagger bus and gate pins the task takes over (with <paramref name="nativeTask"/>).</param>
        public FirmwareApp(BoardResources board, IAcquisitionCore core, INativeAcquisition nativeTask, NativeTaskWiring taskWiring)
        {
            board.Validate();
            AcquisitionCoreName = core != null ? core.Name : "managed";
            _board = board;
            _config = new ConfigManager(board.ConfigStore);
            DeviceConfig config = _config.Current;

            _tagger = BoardChips.CreateTagger(board);
            SpcmChannel[] channels = BoardChips.CreateDetectorChannels(board);
            _detectors = new SpcmController(channels, BoardChips.CreateBiasDacs(board), BoardChips.CreateMonitorAdc(board),
                board.Shutter, board.Clock, LiveConfiguration.OverLightWindowPs);
            if (core != null)
            {
                // The per-event parts the core supplies; the drivers keep the bus, the gates and the latches.
                FifoTimeTagger fifo = _tagger as FifoTimeTagger;
                if (fifo != null)
                {
                    fifo.UseDecoder(core.CreateFifoDecoder());
                }

                _detectors.UseOverLightCounter(core.CreateOverLightCounter(channels.Length, LiveConfiguration.OverLightWindowPs));
            }

            _safe = new SafeState(BoardResources.DetectorCount, _detectors.SetChannelOn);
            TimingConfig timingConfig = config.ToTimingConfig();
            ITimingEngine timing = core != null ? core.CreateTimingEngine(timingConfig) : null;
            _timing = timing != null ? timing : new TimingEngine(timingConfig);

            DeviceIdentity identity = new DeviceIdentity(FirmwareIdentity.Manufacturer, FirmwareIdentity.Product,
                FirmwareIdentity.Version, board.BoardName, "0");
            LinkSettings linkSettings = LinkSettingsFrom(board.Buffers);
            _link = new DeviceEndpoint(board.HostSerial, board.Clock, identity, linkSettings, SessionIdFrom(board.Random));

            SiftingConfig sifting = SiftingConfig.FromBudget(board.Buffers, ReceiverMap.Default());
            _sifting = sifting;
            FitSiftingToLink(sifting, linkSettings.MaxPayload, board.Buffers.DetectionBatchSize);

            // Every live field (window, skews, limits, receiver map, thresholds, link timeout) goes through the one
            // path CONF:IMP uses; the bias reaches the DAC at Start, once the chips have been checked.
            _live = new LiveConfiguration(timingConfig, _timing, _detectors, channels, board.Wiring, sifting, linkSettings);
            _live.ApplyWithoutBias(config);
            _sifter = new GroundSifter(sifting, board.Random, new SiftingLinkAdapter(_link));
            if (core != null)
            {
                _sifter.UseAnnouncePath(core.CreateAnnouncePath(sifting));
            }

            MessageHandler onSifting = OnSiftingMessage; // one delegate for the 32 ids, not one each
            for (int id = 0x40; id <= 0x5F; id++)
            {
                _link.SetHandler((MessageType)id, onSifting);
            }

            _pipeline = new AcquisitionPipeline(_tagger, board.Clock, _detectors, _timing, _sifter, board.Buffers.DetectionBatchSize);
            _task = CreateTask(nativeTask, taskWiring, timingConfig, channels, sifting);
            if (_task != null)
            {
                // The task runs the whole per-event path: the controller and the sifter take its results instead.
                _task.Attach(_detectors, _sifter, _pipeline.ChannelCounts, _tagger.Counters);
                _detectors.UseOverLightCounter(_task.OverLight);
                _sifter.UseAnnouncePath(_task.AnnouncePath);
                AcquisitionCoreName = "native task";
            }

            _telemetry = new TelemetryPublisher(this, board, _link, linkSettings.SendSlots);
            _detectors.Faulted += OnDetectorFault;
            _sifter.Alarm += OnSiftingAlarm;
            board.TaggerInterrupt.Edge += OnTaggerInterrupt;
            _link.LinkEvent += OnLinkEvent;
            DeviceCommands.Register(_link.Commands, this);
        }

        public BoardResources Board { get { return _board; } }

        /// <summary>"managed", or the name of the core given at construction.</summary>
        public string AcquisitionCoreName { get; private set; }
        public SafeState Safety { get { return _safe; } }
        public DeviceEndpoint Link { get { return _link; } }
        public ConfigManager Configuration { get { return _config; } }
        public ITimeTagger Tagger { get { return _tagger; } }
        public SpcmController Detectors { get { return _detectors; } }
        public ITimingEngine Timing { get { return _timing; } }
        public GroundSifter Sifter { get { return _sifter; } }

        /// <summary>The settings the sifter runs with (receiver map, QBER alarm threshold), changed live by CONF:IMP.</summary>
        public SiftingConfig SiftingSettings { get { return _sifting; } }
        public AcquisitionPipeline Pipeline { get { return _pipeline; } }

        /// <summary>The custom image's acquisition task when it runs the per-event path; null on the managed path.</summary>
        public NativeTaskAcquisition NativeTask { get { return _task; } }
        public TelemetryPublisher Telemetry { get { return _telemetry; } }

        /// <summary>What start-up found (self-test, configuration), for SYST:STARTup? and the log.</summary>
        public string StartupReport { get { return _startupReport; } }

        /// <summary>Free managed heap, supplied by the board (nanoFramework: Runtime.Native.GC.Run(false)).</summary>
        public FreeMemoryReader FreeMemory { get; set; }

        /// <summary>Start-up, then the main loop until <see cref="RequestStop"/> (never, on a device).</summary>
        public void Run()
        {
            Start();
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
            {
                Step();
                _taggerReady.WaitOne(IdleWaitMilliseconds, false);
            }
        }

        /// <summary>Asks <see cref="Run"/> to return after the current iteration (simulation board, tests).</summary>
        public void RequestStop()
        {
            Interlocked.Exchange(ref _stopRequested, 1);
            _taggerReady.Set();
        }

        /// <summary>
        /// Start-up: detectors are already gated off (SafeState); report a watchdog reset and a replaced configuration;
        /// self-test the chips (a missing or wrong chip is named and leaves the firmware in the safe state, still
        /// talking to the host); start the watchdog. Idempotent.
        /// </summary>
        public void Start()
        {
            if (_started)
            {
                return;
            }

            _started = true;
            string report = "";
            if (_board.Watchdog.LastResetWasWatchdog)
            {
                _safe.Enter(SafeStateReason.WatchdogReset, "the last reset was caused by the watchdog");
                report += "watchdog reset; ";
            }

            if (_config.LoadProblem != null)
            {
                _safe.Enter(SafeStateReason.ConfigurationReplaced,
                    "configuration replaced by defaults: " + _config.LoadProblem);
                report += "configuration replaced by defaults (" + _config.LoadProblem + "); ";
            }

            report += _taskNote;
            report += SelfTest();
            report += ApplyConfiguredBias();
            _startupReport = report;
            _board.Watchdog.Start(WatchdogTimeoutMilliseconds);
        }

        /// <summary>One main-loop iteration: link in, acquisition, link out, housekeeping, watchdog.</summary>
        public void Step()
        {
            bool healthy = true;
            _link.Poll();
            try
            {
                _detectors.PollFaultInputs();
                if (_taggerRunning)
                {
                    if (_task != null)
                    {
                        _task.Poll();
                    }
                    else
                    {
                        _pipeline.RunBatch();
                    }
                }
            }
            catch (HalException e)
            {
                healthy = false;
                _taggerRunning = false;
                _starveWatchdog = true;
                _safe.Enter(SafeStateReason.DriverFault, e.Message);
            }

            long now = _board.Clock.NowMicroseconds;
            if (now - _lastAnnounceUs >= AnnounceIntervalMicroseconds)
            {
                _lastAnnounceUs = now;
                _sifter.CloseAnnouncement();
            }

            _sifter.Service();
            _telemetry.Service();
            if (_detectors.DarkCountRunning)
            {
                _detectors.PollDarkCount();
            }

            // The watchdog is fed only by a healthy loop. A driver fault during acquisition (a wedged bus or chip)
            // stops feeding until an operator's SYST:REC finds the hardware answering again; otherwise the watchdog
            // resets the board, which re-initialises the bus, starts in the safe state and reports WatchdogReset.
            // A chip already missing at start-up does not starve it: a reset would not bring it back, and the
            // firmware must stay up to say which chip is missing.
            if (healthy && !_starveWatchdog)
            {
                _board.Watchdog.Feed();
            }
        }

        /// <summary>Operator action (DET:RECover / SYST:CLEar): clears the reasons that no longer hold.</summary>
        public string Recover()
        {
            _safe.Clear(SafeStateReason.WatchdogReset);
            _safe.Clear(SafeStateReason.ConfigurationReplaced);
            _safe.Clear(SafeStateReason.LinkLost);
            if (!AnyDetectorLatched())
            {
                _safe.Clear(SafeStateReason.OverLight);
                _safe.Clear(SafeStateReason.DetectorFault);
            }

            if (_safe.Holds(SafeStateReason.DriverFault))
            {
                string retest = SelfTest();
                // Both chips must answer again (before, a failing ADC was forgiven as soon as the tagger ran).
                if (_selfTestPassed)
                {
                    _safe.Clear(SafeStateReason.DriverFault);
                    _starveWatchdog = false;
                }
                else
                {
                    return "driver fault persists: " + retest;
                }
            }

            return _safe.IsFaultFree ? "recovered; detectors stay off until enabled" : "still holding reasons " + _safe.Reasons;
        }

        /// <summary>Clears one channel's latched fault (DET:CLEar). The channel stays off until enabled again.</summary>
        public bool ClearDetectorFault(int channel)
        {
            if (!_detectors.ClearFault(channel))
            {
                return false;
            }

            // ClearFault switches the module back on; light returns only through an explicit enable.
            _detectors.SetChannelOn(channel, false);

            // DET:CLE is the operator's acknowledgement of exactly this fault: once no channel is latched any more,
            // the over-light / module-fault reason goes too, so the next step is an explicit DET:GATE.
            if (!AnyDetectorLatched())
            {
                _safe.Clear(SafeStateReason.OverLight);
                _safe.Clear(SafeStateReason.DetectorFault);
            }

            return true;
        }

        /// <summary>
        /// Puts the current configuration into effect after CONF:IMP or CONF:DEF: every live field at once, the bias on
        /// the DAC. Returns the fields that take effect only at the next start (comma-separated; "" when none).
        /// </summary>
        /// <exception cref="HalException">The bias DAC could not be written (every other field was applied).</exception>
        public string ApplyConfiguration()
        {
            return _live.Apply(_config.Current);
        }

        private string SelfTest()
        {
            _selfTestPassed = false;
            string report = "";
            try
            {
                if (_task != null)
                {
                    // Start-up and SYST:REC: the managed driver checks the tagger, so the task gives the bus back first.
                    _task.Stop();
                }

                _tagger.Start();
                if (_task != null)
                {
                    // The managed driver has checked and configured the tagger; the task takes the bus from here.
                    _task.Start();
                }

                _taggerRunning = true;
                report += "tagger " + _tagger.Name + " ok; ";
            }
            catch (HalException e)
            {
                _taggerRunning = false;
                _safe.Enter(SafeStateReason.DriverFault, "time tagger: " + e.Message);
                report += "time tagger FAILED: " + e.Message + "; ";
            }

            try
            {
                _detectors.ReadBiasMillivolts(0);
                report += "adc ok; ";
                _selfTestPassed = _taggerRunning;
            }
            catch (HalException e)
            {
                _safe.Enter(SafeStateReason.DriverFault, "ADC: " + e.Message);
                report += "ADC FAILED: " + e.Message + "; ";
            }

            return report;
        }

        /// <summary>The task when the image has it and takes this configuration; else null (the managed path).</summary>
        private NativeTaskAcquisition CreateTask(INativeAcquisition native, NativeTaskWiring wiring, TimingConfig timing,
            SpcmChannel[] channels, SiftingConfig sifting)
        {
            if (wiring == null || !NativeTaskAcquisition.IsPresent(native))
            {
                return null;
            }

            NativeTaskAcquisition task = new NativeTaskAcquisition(native, wiring, timing, channels, sifting,
                LiveConfiguration.OverLightWindowPs);
            int status = task.Configure();
            if (status != 0)
            {
                _taskNote = "native acquisition task refused the configuration (status " + status + "): managed core; ";
                return null;
            }

            return task;
        }

        private void OnLinkEvent(LinkEventKind kind)
        {
            // Light is only allowed while the host that enabled it is listening: a host that vanished (no frame for
            // the configured link-loss time) cannot see an alarm. A technician on the console is present in person.
            if (kind == LinkEventKind.LinkLost && AnyDetectorOn())
            {
                _safe.Enter(SafeStateReason.LinkLost, "no frame from the host for " + _config.Current.LinkLossTimeoutMs + " ms");
            }
        }

        private bool AnyDetectorLatched()
        {
            for (int i = 0; i < _detectors.ChannelCount; i++)
            {
                if (_detectors.LatchedFault(i) != SpcmFault.None)
                {
                    return true;
                }
            }

            return false;
        }

        private bool AnyDetectorOn()
        {
            for (int i = 0; i < BoardResources.DetectorCount; i++)
            {
                if (_safe.IsOn(i))
                {
                    return true;
                }
            }

            return false;
        }

        private void OnSiftingMessage(MessageType type, byte[] buffer, int offset, int count)
        {
            _sifter.Receive(type, buffer, offset, count);
        }

        private void OnDetectorFault(int channel, SpcmFault fault, long taggerPicoseconds, long boardMicroseconds)
        {
            _safe.Enter(fault == SpcmFault.OverLight ? SafeStateReason.OverLight : SafeStateReason.DetectorFault,
                "detector " + (channel + 1) + (fault == SpcmFault.OverLight ? " over-light" : " module fault"));
        }

        private void OnSiftingAlarm(uint block, int intensityClass, int basis, int qberPpm)
        {
            _telemetry.RecordAlarm(qberPpm);
        }

        private void OnTaggerInterrupt(int pinNumber, bool rising, long timestampMicroseconds)
        {
            // Runs on the board's event thread: only wake the loop; the loop owns the SPI bus.
            _taggerReady.Set();
        }

        /// <summary>The configured bias on every wired detector; a DAC write that fails is reported, not fatal.</summary>
        private string ApplyConfiguredBias()
        {
            try
            {
                _live.ApplyBias(_config.Current);
                return "";
            }
            catch (HalException e)
            {
                _safe.Enter(SafeStateReason.DriverFault, "bias DAC: " + e.Message);
                return "bias DAC FAILED: " + e.Message + "; ";
            }
        }

        /// <summary>
        /// The link's buffers from the board's budget: unacknowledged send slots fill the serial transmit budget and the
        /// out-of-order receive window the receive budget (at least 4 and 1 payloads, at most the protocol defaults of
        /// 16 and 4). ESP32-WROOM: 4 x 512 B in flight (a 512-byte frame takes 5.6 ms at 921600 baud, so 4 cover a
        /// 20 ms acknowledgement round trip); WROVER and the simulation board keep the defaults.
        /// </summary>
        private static LinkSettings LinkSettingsFrom(BufferBudget budget)
        {
            LinkSettings settings = new LinkSettings();
            int sendSlots = budget.SerialTransmitBufferBytes / settings.MaxPayload;
            settings.SendSlots = sendSlots < 4 ? 4 : (sendSlots > settings.SendSlots ? settings.SendSlots : sendSlots);
            int window = budget.SerialReceiveBufferBytes / settings.MaxPayload;
            settings.ReceiveWindow = window < 1 ? 1 : (window > settings.ReceiveWindow ? settings.ReceiveWindow : window);
            return settings;
        }

        /// <summary>A sifted block travels as one reliable message: shrink blocks (and batches) to the link's payload.</summary>
        private static void FitSiftingToLink(SiftingConfig sifting, int maxPayload, int readoutBatch)
        {
            sifting.MaxPayloadBytes = maxPayload;
            int overhead = SiftedBlockCodec.MaxLength(8) - 1;
            int bits = (maxPayload - overhead) * 8;
            while (bits > 8 && SiftedBlockCodec.MaxLength(bits) > maxPayload)
            {
                bits -= 8;
            }

            if (sifting.BlockBitCapacity > bits)
            {
                sifting.BlockBitCapacity = bits;
            }

            if (sifting.BatchCapacity > sifting.BlockBitCapacity)
            {
                sifting.BatchCapacity = sifting.BlockBitCapacity;
            }

            // Announcement batches hold 10 bytes per detection until the match mask returns. A small board's
            // readout batch (64 on the ESP32-WROOM) also caps them at two readouts' worth: 4 x 128 slots = 5 KB
            // instead of 10 KB, still 25 ms in flight at 20 kcounts/s.
            if (sifting.BatchCapacity > 2 * readoutBatch)
            {
                sifting.BatchCapacity = 2 * readoutBatch;
            }
        }

        private static uint SessionIdFrom(IRandomSource random)
        {
            uint id = random.NextUInt32();
            return id != 0 ? id : 1;
        }
    }
}

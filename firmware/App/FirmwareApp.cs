using System;
using System.Threading;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The firmware: composes the drivers, the timing engine, sifting and the link on one board's resources and runs
    /// them in one loop (firmware/README.md, "Threading model"). Boards call <see cref="Run"/>, which never returns on a
    /// device; tests and the simulation board may drive <see cref="Step"/> one iteration at a time instead.
    /// </summary>
    public sealed class FirmwareApp
    {
        /// <summary>The loop sleeps at most this long when there is nothing to do (tagger interrupt wakes it earlier).</summary>
        private const int IdleWaitMilliseconds = 2;

        private const int WatchdogTimeoutMilliseconds = 5000;

        private readonly BoardResources _board;
        private readonly DeviceEndpoint _link;
        private readonly SafeState _safe;
        private readonly AutoResetEvent _taggerReady = new AutoResetEvent(false);
        private volatile bool _stopRequested;
        private bool _started;

        public FirmwareApp(BoardResources board)
        {
            board.Validate();
            _board = board;
            _safe = new SafeState(board.DetectorGates);
            DeviceIdentity identity = new DeviceIdentity(FirmwareIdentity.Manufacturer, FirmwareIdentity.Product,
                FirmwareIdentity.Version, board.BoardName, "0");
            _link = new DeviceEndpoint(board.HostSerial, board.Clock, identity, new LinkSettings(), SessionIdFrom(board.Random));
            board.TaggerInterrupt.Edge += OnTaggerInterrupt;
        }

        /// <summary>The detector safety state: why detectors are off, if they are.</summary>
        public SafeState Safety
        {
            get { return _safe; }
        }

        /// <summary>The serial link endpoint (console and binary protocol).</summary>
        public DeviceEndpoint Link
        {
            get { return _link; }
        }

        /// <summary>Start-up, then the main loop until <see cref="RequestStop"/> (never, on a device).</summary>
        public void Run()
        {
            Start();
            while (!_stopRequested)
            {
                Step();
                _taggerReady.WaitOne(IdleWaitMilliseconds, false);
            }
        }

        /// <summary>Asks <see cref="Run"/> to return after the current iteration (simulation board, tests).</summary>
        public void RequestStop()
        {
            _stopRequested = true;
            _taggerReady.Set();
        }

        /// <summary>Start-up: safe state first, then the watchdog. Idempotent.</summary>
        public void Start()
        {
            if (_started)
            {
                return;
            }

            _started = true;
            if (_board.Watchdog.LastResetWasWatchdog)
            {
                _safe.Enter(SafeStateReason.WatchdogReset, "the last reset was caused by the watchdog");
            }

            _board.Watchdog.Start(WatchdogTimeoutMilliseconds);
        }

        /// <summary>One main-loop iteration: link in, acquisition, link out, housekeeping.</summary>
        public void Step()
        {
            _link.Poll();
            _board.Watchdog.Feed();
        }

        private void OnTaggerInterrupt(int pinNumber, bool rising, long timestampMicroseconds)
        {
            // Runs on the board's event thread: only wake the loop; the loop owns the SPI bus.
            _taggerReady.Set();
        }

        private static uint SessionIdFrom(IRandomSource random)
        {
            uint id = random.NextUInt32();
            return id != 0 ? id : 1;
        }
    }
}

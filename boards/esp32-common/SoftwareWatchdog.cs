using System;
using System.IO;
using System.Threading;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>What the watchdog does when it bites: on the ESP32, nanoFramework's Power.RebootDevice.</summary>
    public delegate void WatchdogBiteHandler();

    /// <summary>
    /// The best honest watchdog stable nanoFramework allows. There is no managed API for the ESP32's hardware
    /// watchdogs (nanoFramework.Hardware.Esp32 and Runtime.Native 1.x expose none; Home#248 added a native-only option),
    /// so this is a software watchdog: a System.Threading.Timer checks every quarter timeout that <see cref="Feed"/>
    /// was called, and if not, records a marker file and calls the bite handler (a reboot). It catches a hung or
    /// looping application thread, because nanoFramework time-slices managed threads; it cannot catch a hang of the
    /// CLR itself, which is left to the ESP-IDF task/interrupt watchdogs built into the firmware image.
    /// </summary>
    public sealed class SoftwareWatchdog : IWatchdog
    {
        private readonly IMonotonicClock _clock;
        private readonly WatchdogBiteHandler _bite;
        private readonly string _markerPath;
        private readonly object _lock = new object();
        private Timer _timer;
        private long _timeoutMicroseconds;
        private long _lastFeedMicroseconds;
        private bool _bitten;

        /// <param name="markerPath">File written just before biting, so the next boot knows why it restarted; null for none.</param>
        public SoftwareWatchdog(IMonotonicClock clock, WatchdogBiteHandler bite, string markerPath, HalFaultCounters faults)
        {
            _clock = clock;
            _bite = bite;
            _markerPath = markerPath;
            LastResetWasWatchdog = ConsumeMarker(markerPath);
            if (LastResetWasWatchdog)
            {
                faults.Increment(HalFault.WatchdogReset);
            }
        }

        public bool LastResetWasWatchdog { get; }

        public void Start(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            lock (_lock)
            {
                _timeoutMicroseconds = timeoutMilliseconds * 1000L;
                _lastFeedMicroseconds = _clock.NowMicroseconds;
            }

            int period = timeoutMilliseconds / 4 > 0 ? timeoutMilliseconds / 4 : 1;
            if (_timer == null)
            {
                _timer = new Timer(OnTimer, null, period, period);
            }
            else
            {
                _timer.Change(period, period);
            }
        }

        public void Feed()
        {
            // A lock, not a plain store: a 64-bit write is not atomic on the 32-bit ESP32.
            lock (_lock)
            {
                _lastFeedMicroseconds = _clock.NowMicroseconds;
            }
        }

        /// <summary>Bites if started and not fed within the timeout; returns whether it bit. The timer calls this.</summary>
        public bool CheckNow()
        {
            lock (_lock)
            {
                if (_bitten || _timeoutMicroseconds == 0 || _clock.NowMicroseconds - _lastFeedMicroseconds <= _timeoutMicroseconds)
                {
                    return false;
                }

                _bitten = true;
            }

            WriteMarker();
            _bite();
            return true;
        }

        private void OnTimer(object state)
        {
            CheckNow();
        }

        private void WriteMarker()
        {
            if (_markerPath == null)
            {
                return;
            }

            try
            {
                using (FileStream stream = new FileStream(_markerPath, FileMode.Create, FileAccess.Write))
                {
                    stream.WriteByte(1);
                }
            }
            catch (Exception)
            {
                // Rebooting matters more than remembering why; the next boot just won't count it.
            }
        }

        private static bool ConsumeMarker(string markerPath)
        {
            if (markerPath == null)
            {
                return false;
            }

            try
            {
                if (!File.Exists(markerPath))
                {
                    return false;
                }

                File.Delete(markerPath);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}

using GroundStation.Firmware.App.NativeTask;
using GroundStation.Firmware.Drivers;
using GroundStation.Hal;
using GroundStation.Protocol;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// Builds a <see cref="TelemetryRecord"/> once per second of board time and sends it (unreliable: the latest
    /// record wins, it never competes with key data). The record and its buffer are allocated once; filling and
    /// sending allocate nothing. <see cref="Describe"/> renders it as text for the console's TELemetry? query.
    /// </summary>
    public sealed class TelemetryPublisher
    {
        private const long PeriodMicroseconds = 1000000;
        private const int BeaconChannel = 4;

        private readonly FirmwareApp _app;
        private readonly BoardResources _board;
        private readonly DeviceEndpoint _link;
        private readonly TelemetryRecord _record = new TelemetryRecord();
        private readonly byte[] _buffer = new byte[TelemetryRecord.Length];
        private readonly long[] _lastCounts;
        private readonly int _linkCapacity;
        private long _lastUs = -1;
        private int _alarms;
        private int _lastQberPpm = -1;

        public TelemetryPublisher(FirmwareApp app, BoardResources board, DeviceEndpoint link, int linkCapacity)
        {
            _linkCapacity = linkCapacity;
            _app = app;
            _board = board;
            _link = link;
            _lastCounts = new long[8];
        }

        /// <summary>The most recent record (refreshed every second and by <see cref="Refresh"/>).</summary>
        public TelemetryRecord Latest
        {
            get { return _record; }
        }

        public int Alarms
        {
            get { return _alarms; }
        }

        public void RecordAlarm(int qberPpm)
        {
            _alarms++;
            _lastQberPpm = qberPpm;
        }

        /// <summary>Sends a record when a second of board time has passed since the last one.</summary>
        public void Service()
        {
            long now = _board.Clock.NowMicroseconds;
            if (_lastUs < 0)
            {
                _lastUs = now;
                return;
            }

            if (now - _lastUs < PeriodMicroseconds)
            {
                return;
            }

            Refresh(now);
            int length = _record.Write(_buffer, 0);
            _link.SendTelemetry(MessageType.Telemetry, _buffer, 0, length);
        }

        /// <summary>Fills the record from the firmware's counters; rates are over the time since the last refresh.</summary>
        public void Refresh(long nowMicroseconds)
        {
            long elapsedUs = nowMicroseconds - _lastUs;
            _lastUs = nowMicroseconds;
            long[] counts = _app.Pipeline.ChannelCounts;
            TelemetryRecord r = _record;
            r.UptimeMs = nowMicroseconds / 1000;
            r.ResetReason = _board.Watchdog.LastResetWasWatchdog ? 1 : 0;
            r.SafeStateReasons = _app.Safety.Reasons;
            r.TimingState = (int)_app.Timing.State;
            r.IndexResolved = _app.Timing.IndexResolved ? 1 : 0;
            r.TimingResidualPs = (int)_app.Timing.MeanAbsBeaconResidualPs;
            r.RateOffsetPpb = (int)_app.Timing.RateOffsetPpb;
            r.LockCount = (int)_app.Timing.Counters.Locks;
            for (int channel = 0; channel < counts.Length && channel < _lastCounts.Length; channel++)
            {
                long delta = counts[channel] - _lastCounts[channel];
                _lastCounts[channel] = counts[channel];
                int rate = elapsedUs > 0 ? (int)(delta * 1000000 / elapsedUs) : 0;
                if (channel < TelemetryRecord.Detectors)
                {
                    r.CountRateHz[channel] = rate;
                }
                else if (channel == BeaconChannel)
                {
                    r.BeaconRateHz = rate;
                }
            }

            for (int i = 0; i < TelemetryRecord.Detectors; i++)
            {
                r.CorrectedRateHz[i] = (int)_app.Detectors.CorrectedRateHz(i);
                r.LatchedFault[i] = (byte)_app.Detectors.LatchedFault(i);
                r.GateOn[i] = _app.Safety.IsOn(i) ? (byte)1 : (byte)0;
                ReadMonitors(i, r);
            }

            TimeTaggerCounters tagger = _app.Tagger.Counters;
            r.DroppedUnlocked = _app.Timing.Counters.DroppedUnlocked;
            r.DroppedOutsideWindow = _app.Timing.Counters.DroppedOutsideWindow;
            r.Assigned = _app.Timing.Counters.Assigned;
            NativeTaskAcquisition task = _app.NativeTask;
            if (task != null)
            {
                // The task's own timing engine assigns the slots: its state and counters, as it reported them.
                long[] k = task.Counters;
                r.TimingState = (int)task.TimingState;
                r.DroppedUnlocked = k[NativeTaskAcquisition.CounterDroppedUnlocked];
                r.Assigned = k[NativeTaskAcquisition.CounterAssigned];
            }
            r.TaggerOverflowed = tagger.Overflowed;
            r.TaggerMissed = tagger.Missed;
            r.SiftDroppedClicks = _app.Sifter.Counters.DroppedClicks;
            r.LinkPending = _link.PendingReliable;
            r.LinkCapacity = _linkCapacity;
            r.SiftedBits = _app.Sifter.Counters.SiftedBits;
            r.LastQberPpm = _lastQberPpm;
            r.Alarms = _alarms;
            r.HalFaults = (int)_board.Faults.Total;
            r.FreeMemoryBytes = _app.FreeMemory != null ? _app.FreeMemory() : -1;
        }

        /// <summary>The latest record as "key=value" lines (console; allocates, so only on request).</summary>
        public string Describe()
        {
            TelemetryRecord r = _record;
            string text = "uptime_ms=" + r.UptimeMs + "\nsafe_reasons=" + r.SafeStateReasons + "\ntiming_state=" + r.TimingState
                + "\nindex_resolved=" + r.IndexResolved + "\nbeacon_rate_hz=" + r.BeaconRateHz
                + "\ntiming_residual_ps=" + r.TimingResidualPs + "\nrate_offset_ppb=" + r.RateOffsetPpb;
            for (int i = 0; i < TelemetryRecord.Detectors; i++)
            {
                text += "\ndet" + (i + 1) + "=rate_hz:" + r.CountRateHz[i] + ",corrected_hz:" + r.CorrectedRateHz[i]
                    + ",gate:" + r.GateOn[i] + ",fault:" + r.LatchedFault[i] + ",temp_mc:" + r.TemperatureMilliCelsius[i]
                    + ",bias_mv:" + r.BiasMillivolts[i];
            }

            return text + "\nassigned=" + r.Assigned + "\ndropped_unlocked=" + r.DroppedUnlocked
                + "\ndropped_window=" + r.DroppedOutsideWindow + "\ntagger_overflowed=" + r.TaggerOverflowed
                + "\ntagger_missed=" + r.TaggerMissed + "\nsift_dropped=" + r.SiftDroppedClicks
                + "\nlink_pending=" + r.LinkPending + "/" + r.LinkCapacity + "\nsifted_bits=" + r.SiftedBits
                + "\nlast_qber_ppm=" + r.LastQberPpm + "\nalarms=" + r.Alarms + "\nhal_faults=" + r.HalFaults
                + "\nfree_memory=" + r.FreeMemoryBytes;
        }

        private void ReadMonitors(int channel, TelemetryRecord r)
        {
            try
            {
                r.TemperatureMilliCelsius[channel] = _app.Detectors.ReadTemperatureMilliCelsius(channel);
                r.BiasMillivolts[channel] = _app.Detectors.ReadBiasMillivolts(channel);
            }
            catch (HalException)
            {
                // Counted by the board's fault counters; telemetry goes on without the monitor values.
                r.TemperatureMilliCelsius[channel] = int.MinValue;
                r.BiasMillivolts[channel] = -1;
            }
        }
    }
}

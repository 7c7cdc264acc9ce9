using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Console;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The firmware's SCPI commands. They live in one table that serves both the technician's console and gsctl
    /// (whose Command messages carry the same lines), so every action is reachable from both by construction.
    /// Detector channels are numbered 1-4 for people (H, V, D, A).
    /// </summary>
    internal sealed class DeviceCommands
    {
        private const int Detectors = 4;
        private readonly FirmwareApp _app;
        private readonly byte[] _configBuffer = new byte[256];

        private DeviceCommands(FirmwareApp app)
        {
            _app = app;
        }

        public static void Register(CommandTable table, FirmwareApp app)
        {
            DeviceCommands c = new DeviceCommands(app);
            table.Register("*RST", false, 0, 0, "all detectors off (safe state); configuration unchanged", c.Reset);
            table.Register("DETector:GATE", false, 2, 2, "DET:GATE <1-4>,ON|OFF: switch a detector (refused while a fault holds)", c.SetGate);
            table.Register("DETector:GATE", true, 1, 1, "DET:GATE? <1-4>: 1 when the detector is on", c.GetGate);
            table.Register("DETector:CLEar", false, 1, 1, "DET:CLE <1-4>: clear a detector's latched fault (it stays off)", c.ClearFault);
            table.Register("DETector:FAULt", true, 1, 1, "DET:FAUL? <1-4>: 0 none, 1 over-light, 2 module fault", c.GetFault);
            table.Register("DETector:RATE", true, 1, 1, "DET:RATE? <1-4>: measured,dead-time corrected count rate (Hz)", c.GetRate);
            table.Register("DETector:TEMPerature", true, 1, 1, "DET:TEMP? <1-4>: module temperature (degrees C)", c.GetTemperature);
            table.Register("DETector:BIAS", false, 2, 2, "DET:BIAS <1-4>,<mV>: set bias (0-5000 mV)", c.SetBias);
            table.Register("DETector:BIAS", true, 1, 1, "DET:BIAS? <1-4>: bias read back (mV)", c.GetBias);
            table.Register("SYSTem:FAULt", true, 0, 0, "safe-state reasons (bit set) and the last reason as text", c.GetSafeState);
            table.Register("SYSTem:RECover", false, 0, 0, "clear safe-state reasons that no longer hold (detectors stay off)", c.RecoverCommand);
            table.Register("SYSTem:STARtup", true, 0, 0, "what start-up found (self-test, configuration)", c.GetStartup);
            table.Register("TELemetry", true, 0, 0, "the latest telemetry as key=value lines", c.GetTelemetry);
            table.Register("TIMing:STATe", true, 0, 0, "timing state,index resolved,residual ps,rate offset ppb,locks", c.GetTiming);
            table.Register("TIMing:PREDiction", false, 3, 3, "TIM:PRED <ground ps>,<satellite slot>,<uncertainty ps>: coarse prediction", c.SetPrediction);
            table.Register("TIMing:PREDiction", true, 0, 0, "TIM:PRED?: the prediction held (ground ps,slot,uncertainty ps)", c.GetPrediction);
            table.Register("TIMing:NOW", true, 0, 0, "TIM:NOW?: newest tagger time read (ps),us since it was read,us it may have waited", c.GetTaggerNow);
            table.Register("TIMing:SKEW", true, 1, 1, "TIM:SKEW? <tagger channel 0-7>: skew correction (ps)", c.GetSkew);
            table.Register("CALibrate:DARK", false, 1, 1, "CAL:DARK <seconds>: count dark counts with the shutter closed (detectors switched on)", c.StartDark);
            table.Register("CALibrate:DARK", true, 1, 1, "CAL:DARK? <1-4>: dark counts per second of the last measurement", c.GetDark);
            table.Register("CALibrate:SKEW:STARt", false, 0, 0, "start collecting skew histograms (needs beacon lock)", c.StartSkew);
            table.Register("CALibrate:SKEW:APPLy", false, 0, 0, "apply measured skews to the configuration (then CONF:SAVE)", c.ApplySkew);
            table.Register("CONFigure:SAVE", false, 0, 0, "write the configuration to non-volatile storage", c.Save);
            table.Register("CONFigure:DEFault", false, 0, 0, "load factory defaults (not saved until CONF:SAVE); reply as CONF:IMP", c.Defaults);
            table.Register("CONFigure:EXPort", true, 0, 0, "the configuration record as hex (versioned, CRC-32)", c.Export);
            table.Register("CONFigure:IMPort", false, 1, 1, "CONF:IMP <hex>: adopt a record now; the reply names fields that wait for a restart; an invalid one changes nothing", c.Import);
            table.Register("SIFTing:STATus", true, 0, 0, "clicks,sifted bits,blocks closed,blocks alarmed,dropped clicks (no key bits)", c.GetSifting);
        }

        private void Reset(CommandContext context)
        {
            _app.Safety.Enter(SafeStateReason.AwaitingEnable, "reset by command");
            context.Reply("OK");
        }

        private void SetGate(CommandContext context)
        {
            int channel;
            bool on;
            if (!context.TryGetInt(0, 1, Detectors, out channel) || !context.TryGetBool(1, out on))
            {
                return;
            }

            if (!_app.Safety.SetGate(channel - 1, on))
            {
                context.Fail(ScpiError.SettingsConflict, "detector " + channel + " cannot be enabled: "
                    + (_app.Detectors.LatchedFault(channel - 1) != SpcmFault.None ? "its fault is latched (DET:CLE)" : "safe state holds (SYST:FAUL?)"));
                return;
            }

            context.Reply("OK");
        }

        private void GetGate(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 1, Detectors, out channel))
            {
                context.Reply(_app.Safety.IsOn(channel - 1) ? "1" : "0");
            }
        }

        private void ClearFault(CommandContext context)
        {
            int channel;
            if (!context.TryGetInt(0, 1, Detectors, out channel))
            {
                return;
            }

            if (!_app.ClearDetectorFault(channel - 1))
            {
                context.Fail(ScpiError.ExecutionError, "detector " + channel + " still reports its fault");
                return;
            }

            context.Reply("OK");
        }

        private void GetFault(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 1, Detectors, out channel))
            {
                context.Reply(((int)_app.Detectors.LatchedFault(channel - 1)).ToString());
            }
        }

        private void GetRate(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 1, Detectors, out channel))
            {
                context.Reply(_app.Detectors.MeasuredRateHz(channel - 1) + "," + _app.Detectors.CorrectedRateHz(channel - 1));
            }
        }

        private void GetTemperature(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 1, Detectors, out channel) && Wired(context, channel, Wiring(channel).TemperatureAdcChannel, "temperature sensor"))
            {
                context.Reply(FormatMilli(_app.Detectors.ReadTemperatureMilliCelsius(channel - 1)));
            }
        }

        private void SetBias(CommandContext context)
        {
            int channel;
            int millivolts;
            if (context.TryGetInt(0, 1, Detectors, out channel) && context.TryGetInt(1, 0, 5000, out millivolts)
                && Wired(context, channel, Wiring(channel).DacOutput, "bias DAC output"))
            {
                _app.Detectors.SetBiasMillivolts(channel - 1, millivolts);
                _app.Configuration.Current.BiasMillivolts[channel - 1] = millivolts;
                context.Reply("OK");
            }
        }

        private void GetBias(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 1, Detectors, out channel) && Wired(context, channel, Wiring(channel).BiasAdcChannel, "bias monitor"))
            {
                context.Reply(_app.Detectors.ReadBiasMillivolts(channel - 1).ToString());
            }
        }

        private DetectorWiring Wiring(int channel)
        {
            return _app.Board.Wiring.Detectors[channel - 1];
        }

        /// <summary>False (and an error) when the board's wiring gives the detector no such line.</summary>
        private static bool Wired(CommandContext context, int channel, int line, string what)
        {
            if (line >= 0)
            {
                return true;
            }

            context.Fail(ScpiError.ExecutionError, "detector " + channel + " has no " + what + " on this board");
            return false;
        }

        private void GetSafeState(CommandContext context)
        {
            context.Reply(_app.Safety.Reasons + ",\"" + _app.Safety.LastMessage + "\"");
        }

        private void RecoverCommand(CommandContext context)
        {
            context.Reply(_app.Recover());
        }

        private void GetStartup(CommandContext context)
        {
            context.Reply(_app.StartupReport);
        }

        private void GetTelemetry(CommandContext context)
        {
            _app.Telemetry.Refresh(_app.Board.Clock.NowMicroseconds);
            context.Reply(_app.Telemetry.Describe());
        }

        private void GetTiming(CommandContext context)
        {
            context.Reply((int)_app.Timing.State + "," + (_app.Timing.IndexResolved ? 1 : 0) + ","
                + _app.Timing.MeanAbsBeaconResidualPs + "," + _app.Timing.RateOffsetPpb + "," + _app.Timing.Counters.Locks);
        }

        private void SetPrediction(CommandContext context)
        {
            long groundPs;
            long slot;
            long uncertaintyPs;
            if (context.TryGetFixed(0, 0, long.MinValue + 1, long.MaxValue, out groundPs)
                && context.TryGetFixed(1, 0, 0, long.MaxValue, out slot)
                && context.TryGetFixed(2, 0, 1, long.MaxValue, out uncertaintyPs))
            {
                _app.Timing.SetCoarsePrediction(groundPs, slot, uncertaintyPs);
                if (_app.NativeTask != null)
                {
                    // The task's own timing engine assigns the slots on the custom image (TIM:PRED? reads back the same).
                    _app.NativeTask.SetCoarsePrediction(groundPs, slot, uncertaintyPs);
                }

                context.Reply("OK");
            }
        }

        private void GetPrediction(CommandContext context)
        {
            ITimingEngine timing = _app.Timing;
            if (!timing.HasCoarsePrediction)
            {
                context.Fail(ScpiError.ExecutionError, "no prediction held (TIM:PRED)");
                return;
            }

            context.Reply(timing.CoarsePredictionGroundPs + "," + timing.CoarsePredictionSlot + ","
                + timing.CoarsePredictionUncertaintyPs);
        }

        /// <summary>
        /// The tagger has no clock register: its time is known from the records it delivers. The reply is the newest
        /// record's time, how long ago (board clock) it was read, and how long it may have waited in the FIFO before
        /// (since the last read that found it empty), so the host can relate tagger time to UTC.
        /// </summary>
        private void GetTaggerNow(CommandContext context)
        {
            AcquisitionPipeline pipeline = _app.Pipeline;
            if (!pipeline.HasTaggerTime)
            {
                context.Fail(ScpiError.ExecutionError, "no tagger record read yet (the tagger's time comes with its events)");
                return;
            }

            context.Reply(pipeline.LastTaggerTimePs + "," + (_app.Board.Clock.NowMicroseconds - pipeline.LastReadMicroseconds)
                + "," + pipeline.LastArrivalWindowMicroseconds);
        }

        private void GetSkew(CommandContext context)
        {
            int channel;
            if (context.TryGetInt(0, 0, 7, out channel))
            {
                context.Reply(_app.Configuration.Current.SkewPs[channel].ToString());
            }
        }

        private void StartDark(CommandContext context)
        {
            int seconds;
            if (!context.TryGetInt(0, 1, 3600, out seconds))
            {
                return;
            }

            // A detector gated off counts nothing: with every one off the measurement could only report 0.
            bool anyOn = false;
            for (int i = 0; i < Detectors; i++)
            {
                anyOn |= _app.Safety.IsOn(i);
            }

            if (!anyOn)
            {
                context.Fail(ScpiError.SettingsConflict, "every detector is gated off: switch on those to measure (DET:GATE n,ON)");
                return;
            }

            _app.Detectors.StartDarkCount((long)seconds * 1000000);
            context.Reply("OK");
        }

        private void GetDark(CommandContext context)
        {
            int channel;
            if (!context.TryGetInt(0, 1, Detectors, out channel))
            {
                return;
            }

            if (_app.Detectors.DarkCountRunning)
            {
                context.Fail(ScpiError.ExecutionError, "dark-count measurement still running");
                return;
            }

            context.Reply(_app.Detectors.DarkCountsPerSecond(channel - 1).ToString());
        }

        private void StartSkew(CommandContext context)
        {
            // Skews are measured against the locked beacon model; without it the histograms would stay empty.
            if (_app.Timing.State != TimingState.Locked)
            {
                context.Fail(ScpiError.SettingsConflict, "skew calibration needs beacon lock (TIM:STAT? state 2, now "
                    + (int)_app.Timing.State + ")");
                return;
            }

            _app.Timing.StartSkewCalibration();
            context.Reply("OK");
        }

        private void ApplySkew(CommandContext context)
        {
            int applied = _app.Timing.ApplySkewCalibration(100);
            _app.Timing.GetSkewTablePs(_app.Configuration.Current.SkewPs);
            context.Reply(applied.ToString());
        }

        private void Save(CommandContext context)
        {
            _app.Configuration.Save();
            context.Reply("OK");
        }

        private void Defaults(CommandContext context)
        {
            _app.Configuration.LoadDefaults();
            ReplyApplied(context);
        }

        private void Export(CommandContext context)
        {
            int length = _app.Configuration.Export(_configBuffer);
            context.Reply(Hex.Encode(_configBuffer, 0, length));
        }

        private void Import(CommandContext context)
        {
            int length = Hex.Decode(context.Parameter(0), _configBuffer);
            if (length < 0)
            {
                context.Fail(ScpiError.DataTypeError, "not a hex string of at most " + _configBuffer.Length + " bytes");
                return;
            }

            string error = _app.Configuration.Import(_configBuffer, length);
            if (error != null)
            {
                context.Fail(ScpiError.IllegalParameterValue, "configuration rejected, nothing changed: " + error);
                return;
            }

            ReplyApplied(context);
        }

        /// <summary>Puts the adopted configuration into effect and says which fields wait for a restart.</summary>
        private void ReplyApplied(CommandContext context)
        {
            string atRestart;
            try
            {
                atRestart = _app.ApplyConfiguration();
            }
            catch (HalException e)
            {
                context.Fail(ScpiError.ExecutionError, "configuration adopted, but the bias could not be set: " + e.Message);
                return;
            }

            context.Reply(atRestart.Length == 0 ? "OK" : "OK; at restart: " + atRestart + " (CONF:SAVE, then restart)");
        }

        private void GetSifting(CommandContext context)
        {
            context.Reply(_app.Sifter.Counters.Clicks + "," + _app.Sifter.Counters.SiftedBits + ","
                + _app.Sifter.Counters.BlocksClosed + "," + _app.Sifter.Counters.BlocksAlarmed + ","
                + _app.Sifter.Counters.DroppedClicks);
        }

        /// <summary>Milli-units as a decimal with three places ("-1.250"), without floating point.</summary>
        private static string FormatMilli(int milli)
        {
            string sign = milli < 0 ? "-" : "";
            int magnitude = milli < 0 ? -milli : milli;
            string fraction = (magnitude % 1000).ToString();
            while (fraction.Length < 3)
            {
                fraction = "0" + fraction;
            }

            return sign + (magnitude / 1000) + "." + fraction;
        }
    }
}

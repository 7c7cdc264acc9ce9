using System;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// Everything a scenario run depends on. Defaults run in a few seconds on nanoCLR; any field can be set by a
    /// "Name=Value" token (integers only), from the desktop command line or, for the interpreter (which starts Main
    /// without arguments), baked in at build time with -p:ScenarioArgs="Name=Value ..." (ScenarioArguments.targets).
    /// The same tokens give the same stream, the same results and the same printed lines on both targets.
    /// </summary>
    public sealed class ScenarioParameters
    {
        /// <summary>0 = compare run (typing probe, pass: timing with truth, sifting), 1 = cost run (see CostRun).</summary>
        public long Mode = 0;

        /// <summary>Seed of the stream, the satellite's record and the board's random source.</summary>
        public long Seed = 1;

        /// <summary>Length of the stream in satellite milliseconds.</summary>
        public long StreamMs = 3500;

        /// <summary>First slot of the stream; 0 = drawn from the seed (around 10^11, i.e. about 17 minutes of pulses).</summary>
        public long StartSlot = 0;

        /// <summary>Ground tagger time of the first slot's arrival; 0 = drawn from the seed (up to ~17 minutes).</summary>
        public long GroundStartPs = 0;

        /// <summary>Rate of the satellite clock seen on the ground: Doppler, both oscillators, relativity (ppb).</summary>
        public long RateOffsetPpb = 23000;

        /// <summary>Change of that rate (ppb per second; a LEO pass peaks near 400 overhead).</summary>
        public long RateChangePpbPerSecond = -400;

        /// <summary>Delay of each detector channel's cable and electronics (ps), uncalibrated: inside the +-500 ps window.</summary>
        public long Skew0Ps = 120;

        public long Skew1Ps = -180;

        public long Skew2Ps = 260;

        public long Skew3Ps = -60;

        /// <summary>Signal detections per second, four detectors together.</summary>
        public long SignalRateHz = 8000;

        /// <summary>Standard deviation of the detection jitter (ps; Irwin-Hall of four uniforms, bounded at 3.46 sigma).</summary>
        public long DetectionJitterPs = 80;

        /// <summary>Dark counts and background per detector channel (Hz).</summary>
        public long DarkHz = 400;

        /// <summary>Fraction of the beacon pulses detected (ppm).</summary>
        public long BeaconDetectionPpm = 100000;

        public long BeaconJitterPs = 50;

        /// <summary>Background clicks on the beacon channel (Hz).</summary>
        public long BeaconBackgroundHz = 1000;

        /// <summary>Dead time of every tagger channel (ps).</summary>
        public long DeadTimePs = 30000;

        /// <summary>Fraction of the signal detections that click a second detector in the same slot (ppm).</summary>
        public long MultiClickPpm = 30000;

        /// <summary>Fraction of the basis-matched signal detections whose bit is flipped on the way (ppm).</summary>
        public long QberPpm = 20000;

        /// <summary>A beacon fade shorter than the holdover (satellite ms from the start): the held model re-locks.</summary>
        public long ShortFadeStartMs = 1500;

        public long ShortFadeMs = 100;

        /// <summary>A beacon fade longer than loss + holdover: the model is lost and the beacon re-acquired.</summary>
        public long LongFadeStartMs = 2000;

        public long LongFadeMs = 500;

        /// <summary>TimingConfig.HoldoverMaxMs of the engine (the default 2000 would need a 2.5 s fade).</summary>
        public long HoldoverMaxMs = 200;

        /// <summary>Error of the host's coarse prediction (us); with the uncertainty below it picks the frame, not the beacon.</summary>
        public long PredictionOffsetUs = 1700;

        public long PredictionUncertaintyUs = 3000;

        /// <summary>SiftingConfig.BlockBitCapacity; the host asks for an estimate of 1/8 of every closed block.</summary>
        public long BlockBits = 1024;

        /// <summary>Cost run: 0 = generate the stream only, 1 = + TimingEngine.ProcessBatch, 2 = + sifting, 3 = + over-light check.</summary>
        public long CostStage = 2;

        /// <summary>Cost run: satellite/host sides handling every message (one real, the others shadows that send nothing).</summary>
        public long SatelliteSides = 1;

        private static readonly string[] Names = new string[]
        {
            "Mode", "Seed", "StreamMs", "StartSlot", "GroundStartPs", "RateOffsetPpb", "RateChangePpbPerSecond",
            "Skew0Ps", "Skew1Ps", "Skew2Ps", "Skew3Ps", "SignalRateHz", "DetectionJitterPs", "DarkHz",
            "BeaconDetectionPpm", "BeaconJitterPs", "BeaconBackgroundHz", "DeadTimePs", "MultiClickPpm", "QberPpm",
            "ShortFadeStartMs", "ShortFadeMs", "LongFadeStartMs", "LongFadeMs", "HoldoverMaxMs",
            "PredictionOffsetUs", "PredictionUncertaintyUs", "BlockBits", "CostStage", "SatelliteSides",
        };

        /// <summary>Skew of detector channel 0..3 (ps).</summary>
        public long SkewPs(int channel)
        {
            return channel == 0 ? Skew0Ps : channel == 1 ? Skew1Ps : channel == 2 ? Skew2Ps : Skew3Ps;
        }

        /// <summary>Applies space-separated "Name=Value" tokens; throws ArgumentException naming a bad token.</summary>
        public void Apply(string tokens)
        {
            int i = 0;
            while (i < tokens.Length)
            {
                while (i < tokens.Length && tokens[i] == ' ')
                {
                    i++;
                }

                int start = i;
                while (i < tokens.Length && tokens[i] != ' ')
                {
                    i++;
                }

                if (i > start)
                {
                    ApplyOne(tokens.Substring(start, i - start));
                }
            }
        }

        /// <summary>Fills StartSlot and GroundStartPs from the seed where they were left at 0.</summary>
        public void Resolve()
        {
            SplitMix random = new SplitMix(Seed ^ 0x5EED5EED);
            long slot = 100000000000L + random.Below(10000000000L);
            long ground = 1000000000000L + random.Below(1000000000000000L);
            if (StartSlot == 0)
            {
                StartSlot = slot;
            }

            if (GroundStartPs == 0)
            {
                GroundStartPs = ground;
            }
        }

        /// <summary>Every parameter as "Name=Value", in declaration order (the first line of every run).</summary>
        public string Describe()
        {
            string text = "params";
            for (int i = 0; i < Names.Length; i++)
            {
                text += " " + Names[i] + "=" + Get(i).ToString();
            }

            return text;
        }

        private void ApplyOne(string token)
        {
            int eq = token.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException("parameter token without '=': " + token);
            }

            string name = token.Substring(0, eq);
            long value = ParseInteger(token.Substring(eq + 1), token);
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    Set(i, value);
                    return;
                }
            }

            throw new ArgumentException("unknown parameter: " + name);
        }

        private static long ParseInteger(string text, string token)
        {
            bool negative = text.Length > 0 && text[0] == '-';
            int i = negative ? 1 : 0;
            if (i >= text.Length || text.Length - i > 18)
            {
                throw new ArgumentException("not an integer of up to 18 digits: " + token);
            }

            long value = 0;
            for (; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    throw new ArgumentException("not an integer: " + token);
                }

                value = (value * 10) + digit;
            }

            return negative ? -value : value;
        }

        private long Get(int index)
        {
            switch (index)
            {
                case 0: return Mode;
                case 1: return Seed;
                case 2: return StreamMs;
                case 3: return StartSlot;
                case 4: return GroundStartPs;
                case 5: return RateOffsetPpb;
                case 6: return RateChangePpbPerSecond;
                case 7: return Skew0Ps;
                case 8: return Skew1Ps;
                case 9: return Skew2Ps;
                case 10: return Skew3Ps;
                case 11: return SignalRateHz;
                case 12: return DetectionJitterPs;
                case 13: return DarkHz;
                case 14: return BeaconDetectionPpm;
                case 15: return BeaconJitterPs;
                case 16: return BeaconBackgroundHz;
                case 17: return DeadTimePs;
                case 18: return MultiClickPpm;
                case 19: return QberPpm;
                case 20: return ShortFadeStartMs;
                case 21: return ShortFadeMs;
                case 22: return LongFadeStartMs;
                case 23: return LongFadeMs;
                case 24: return HoldoverMaxMs;
                case 25: return PredictionOffsetUs;
                case 26: return PredictionUncertaintyUs;
                case 27: return BlockBits;
                case 28: return CostStage;
                default: return SatelliteSides;
            }
        }

        private void Set(int index, long value)
        {
            switch (index)
            {
                case 0: Mode = value; break;
                case 1: Seed = value; break;
                case 2: StreamMs = value; break;
                case 3: StartSlot = value; break;
                case 4: GroundStartPs = value; break;
                case 5: RateOffsetPpb = value; break;
                case 6: RateChangePpbPerSecond = value; break;
                case 7: Skew0Ps = value; break;
                case 8: Skew1Ps = value; break;
                case 9: Skew2Ps = value; break;
                case 10: Skew3Ps = value; break;
                case 11: SignalRateHz = value; break;
                case 12: DetectionJitterPs = value; break;
                case 13: DarkHz = value; break;
                case 14: BeaconDetectionPpm = value; break;
                case 15: BeaconJitterPs = value; break;
                case 16: BeaconBackgroundHz = value; break;
                case 17: DeadTimePs = value; break;
                case 18: MultiClickPpm = value; break;
                case 19: QberPpm = value; break;
                case 20: ShortFadeStartMs = value; break;
                case 21: ShortFadeMs = value; break;
                case 22: LongFadeStartMs = value; break;
                case 23: LongFadeMs = value; break;
                case 24: HoldoverMaxMs = value; break;
                case 25: PredictionOffsetUs = value; break;
                case 26: PredictionUncertaintyUs = value; break;
                case 27: BlockBits = value; break;
                case 28: CostStage = value; break;
                default: SatelliteSides = value; break;
            }
        }
    }
}

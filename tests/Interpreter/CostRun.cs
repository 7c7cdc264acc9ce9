using GroundStation.Firmware.App.Config;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// The cost scenario, for an IL-counting interpreter: the whole stream is generated into arrays first, then run
    /// through the device core as the firmware runs it, in tagger batches of 64 events. CostStage selects how far:
    /// 0 = generation only, 1 = + TimingEngine.ProcessBatch, 2 = + GroundSifter (Accept, Service, Receive) with the
    /// satellite/host side answering, 3 = + the detector controller's over-light check (SpcmController.OnDetections,
    /// ahead of timing as in AcquisitionPipeline; modules without pins, as the interpreter has no GPIO). The
    /// difference of two stages' instruction counts is the cost of what the later stage adds; the difference of two
    /// stream lengths removes the fixed cost (start-up, acquisition).
    /// SatelliteSides = 2 adds a shadow satellite/host side that handles every message as the real one does but
    /// sends nothing, so the difference to SatelliteSides = 1 is the test scaffolding's share, to subtract.
    /// </summary>
    public static class CostRun
    {
        private const int TaggerBatch = 64;
        private const long CloseAnnouncementPs = 100000000000L;

        /// <summary>Runs the cost scenario, prints its line and returns the run (for its counters).</summary>
        public static PassRun Run(ScenarioParameters p)
        {
            PassRun run = new PassRun(p);
            SatelliteSide[] shadows = new SatelliteSide[p.SatelliteSides > 1 ? p.SatelliteSides - 1 : 0];
            for (int i = 0; i < shadows.Length; i++)
            {
                shadows[i] = new SatelliteSide(p, PassRun.CreateSiftingConfig(p), null);
            }

            long[] times = new long[Capacity(p)];
            byte[] channels = new byte[times.Length];
            int events = 0;
            PassEvent e = new PassEvent();
            while (events < times.Length && run.Stream.Next(e))
            {
                times[events] = e.TimePs;
                channels[events] = e.Channel;
                events++;
            }

            long[] slots = new long[TaggerBatch];
            byte[] slotChannels = new byte[TaggerBatch];
            long nextClosePs = run.Clock.GroundStartPs + CloseAnnouncementPs;
            SpcmController detectors = p.CostStage >= 3 ? CreateDetectors() : null;
            if (p.CostStage >= 1)
            {
                for (int offset = 0; offset < events; offset += TaggerBatch)
                {
                    int count = events - offset < TaggerBatch ? events - offset : TaggerBatch;
                    if (detectors != null)
                    {
                        detectors.OnDetections(times, channels, offset, count);
                    }

                    int assigned = run.Engine.ProcessBatch(times, channels, offset, count, slots, slotChannels, null, 0);
                    if (p.CostStage >= 2)
                    {
                        run.Sifter.Accept(slots, slotChannels, 0, assigned);
                        if (times[offset + count - 1] >= nextClosePs)
                        {
                            nextClosePs += CloseAnnouncementPs;
                            run.Sifter.CloseAnnouncement();
                        }

                        Pump(run, shadows);
                    }
                }

                if (p.CostStage >= 2)
                {
                    run.Satellite.SendFlush();
                    Pump(run, shadows);
                }
            }

            if (detectors != null)
            {
                run.OverLightTrips = OverLightTrips(detectors);
            }

            TimingCounters t = run.Engine.Counters;
            SiftingCounters s = run.Sifter.Counters;
            Report.Line("cost stage=" + p.CostStage + " events=" + events + " truncated=" + (run.Stream.Next(e) ? 1 : 0)
                + " detectionsSeen=" + t.DetectionsSeen + " assigned=" + t.Assigned + " locks=" + t.Locks
                + " announcedSlots=" + s.AnnouncedSlots + " siftedBits=" + s.SiftedBits + " bitsDelivered=" + s.BitsDelivered
                + (detectors != null ? " overLightTrips=" + run.OverLightTrips : string.Empty));
            return run;
        }

        /// <summary>Four detector modules with no pins wired, the default limit (2,000) in the application's window.</summary>
        private static SpcmController CreateDetectors()
        {
            SpcmChannel[] modules = new SpcmChannel[BoardResources.DetectorCount];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = new SpcmChannel(null, null, null);
            }

            // No DACs: an empty array rather than null, so the assembly references the type (the MetadataProcessor
            // refuses a method signature naming a type the assembly has no reference for).
            return new SpcmController(modules, new Mcp4922[0], null, null, null, LiveConfiguration.OverLightWindowPs);
        }

        private static long OverLightTrips(SpcmController detectors)
        {
            long trips = 0;
            for (int c = 0; c < detectors.ChannelCount; c++)
            {
                trips += detectors.FaultCount(c);
            }

            return trips;
        }

        /// <summary>Room for the expected number of events plus a margin (the stream's rates are known).</summary>
        private static int Capacity(ScenarioParameters p)
        {
            long perSecond = (p.SignalRateHz * (1000000 + p.MultiClickPpm) / 1000000) + (4 * p.DarkHz) + p.BeaconBackgroundHz
                + (PassClock.PulseRateHz / 10000 * p.BeaconDetectionPpm / 1000000);
            return (int)((perSecond * p.StreamMs / 1000 * 11 / 10) + 1000);
        }

        /// <summary>PassRun.Pump, with every message also handed to the shadows first.</summary>
        private static void Pump(PassRun run, SatelliteSide[] shadows)
        {
            while (true)
            {
                run.Sifter.Service();
                if (!run.Queue.Take())
                {
                    return;
                }

                for (int i = 0; i < shadows.Length; i++)
                {
                    shadows[i].Handle(run.Queue.Type, run.Queue.Payload, run.Queue.Length);
                }

                run.Satellite.Handle(run.Queue.Type, run.Queue.Payload, run.Queue.Length);
            }
        }
    }
}

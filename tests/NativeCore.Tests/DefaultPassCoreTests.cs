using GroundStation.DeviceModels;
using GroundStation.Firmware.App;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Satellite;
using GroundStation.Testbed.Sim;
using GroundStation.Hal;
using GroundStation.Host.Sifting;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The firmware's acquisition chain (FIFO tagger driver -> over-light -> timing -> sifting, as AcquisitionPipeline
/// runs it) on the simulated default pass, once with the managed parts and once with the native ones (the FIFO
/// record loop, the over-light windows, the timing engine and the announce path from libgscore, handed over the
/// firmware's seams), the
/// satellite side played by gsctl's loopback: the same sifted key bits and bases in the same blocks, and the same
/// counters of every part. In-process and on the board clock only (gsctl sim itself is not repeatable run to run:
/// its host side follows the wall clock).
/// </summary>
public class DefaultPassCoreTests
{
    private const double PassSeconds = 40;

    [NativeFact]
    public void The_default_pass_gives_the_same_key_and_counters_on_both_cores()
    {
        CoreRun managed = CoreRun.Play(native: false);
        CoreRun native = CoreRun.Play(native: true);

        Assert.True(managed.Blocks.Count >= 2, $"the pass sifts blocks ({managed.Blocks.Count}; {managed.Sifting}; assigned {managed.Timing.Assigned})");
        Assert.True(managed.Timing.Assigned > 100_000, "the pass locks and assigns slots");
        Assert.Equal(managed.TaggerCounters, native.TaggerCounters);
        Assert.Equal(managed.Records, native.Records);
        Assert.Equal(Describe(managed.Timing), Describe(native.Timing));
        Assert.Equal(managed.Sifting, native.Sifting);
        Assert.Equal(managed.Blocks.Count, native.Blocks.Count);
        for (int b = 0; b < managed.Blocks.Count; b++)
        {
            Assert.Equal(managed.Blocks[b].Number, native.Blocks[b].Number);
            Assert.Equal(managed.Blocks[b].Entries, native.Blocks[b].Entries); // slot, basis, class and key bit of every bit
        }

        Assert.Equal(managed.Results.Count, native.Results.Count);
        for (int r = 0; r < managed.Results.Count; r++)
        {
            Assert.Equal((managed.Results[r].Block, managed.Results[r].Accepted), (native.Results[r].Block, native.Results[r].Accepted));
            Assert.Equal(managed.Results[r].Sampled, native.Results[r].Sampled);
            Assert.Equal(managed.Results[r].Errors, native.Results[r].Errors);
        }

        Assert.Equal(managed.Trips, native.Trips);
    }

    private static string Describe(TimingCounters c) =>
        string.Join(",", c.DetectionsSeen, c.Assigned, c.DroppedUnlocked, c.DroppedOutsideWindow, c.DroppedUnknownChannel, c.DroppedOutputFull,
            c.BeaconEvents, c.BeaconsAccepted, c.BeaconsRejected, c.Locks, c.LossesOfLock, c.HoldoverRecoveries, c.AcquisitionRestarts,
            c.IndexResolutions);

    private sealed record CoreRun(
        (long Delivered, long Missed, long Rollovers, long Overflowed) TaggerCounters,
        long[] Records,
        TimingCounters Timing,
        string Sifting,
        IReadOnlyList<LedgerBlock> Blocks,
        IReadOnlyList<EstimateVerdict> Results,
        int Trips)
    {
        public static CoreRun Play(bool native)
        {
            var pass = new PassConfig();
            var sim = new PassSimulator(pass, 1);
            var models = new ModelledBoard(BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger), BufferBudget.Large(), 1, "core-pass");
            models.Fake.Spi.RecordFrames = false;
            VirtualClock clock = models.Fake.Clock;
            IAcquisitionCore? core = native ? new NativeAcquisitionCore() : null;

            var tagger = (FifoTimeTagger)BoardChips.CreateTagger(models.Fake.Resources);
            tagger.UseDecoder(core?.CreateFifoDecoder()!);
            tagger.Start();

            var channels = new SpcmChannel[BoardResources.DetectorCount];
            for (int c = 0; c < channels.Length; c++)
            {
                channels[c] = new SpcmChannel(new FakeDigitalOutput(40 + c, "en", clock), new FakeDigitalOutput(50 + c, "gate", clock), null)
                {
                    MaxCountsPerWindow = 2000, // 2 Mcounts/s in the 1 ms window: the firmware's default limit
                };
            }

            var detectors = new SpcmController(channels, Array.Empty<Mcp4922>(), null, null, clock, 1_000_000_000L);
            detectors.UseOverLightCounter(core?.CreateOverLightCounter(channels.Length, 1_000_000_000L)!);
            int trips = 0;
            detectors.Faulted += (_, _, _, _) => trips++;
            for (int c = 0; c < channels.Length; c++)
            {
                detectors.SetChannelOn(c, true);
            }

            ITimingEngine timing = core?.CreateTimingEngine(new TimingConfig()) ?? new TimingEngine(new TimingConfig());
            Assert.Equal(native, timing is NativeTimingAdapter);
            timing.SetCoarsePrediction((long)Math.Round(sim.Physics.IdealArrivalGroundPs(0)), 0, SimulatedPass.PredictionUncertaintyPs);
            var sifting = SiftingConfig.FromBudget(BufferBudget.Large(), ReceiverMap.Default());
            var loop = new SiftingLoopback(sifting, new SeededRandomSource(1), new SimulatedSatelliteRecord(sim.Satellite));
            loop.Ground.UseAnnouncePath(core?.CreateAnnouncePath(sifting)!);
            var pipeline = new AcquisitionPipeline(tagger, clock, detectors, timing, loop.Ground, 128);

            // The pass into the tagger's FIFO in chunks, each drained batch by batch as the loop reads it.
            var times = new long[512];
            var eventChannels = new byte[512];
            long until = (long)(sim.Physics.IdealArrivalGroundPs(0) + PassSeconds * 1e12);
            int n = 0;
            foreach (TaggerEvent e in sim.Events())
            {
                if (e.TimePs > until)
                {
                    break;
                }

                times[n] = e.TimePs;
                eventChannels[n] = e.Channel;
                if (++n == times.Length)
                {
                    Drain(models, pipeline, loop, times, eventChannels, n);
                    n = 0;
                }
            }

            Drain(models, pipeline, loop, times, eventChannels, n);
            loop.FinishPass();
            TimeTaggerCountersView t = new(tagger);
            return new CoreRun((t.Delivered, t.Missed, t.Rollovers, t.Overflowed), pipeline.ChannelCounts.ToArray(), timing.Counters,
                Describe(loop.Ground.Counters), loop.HostBlocks, loop.Results, trips);
        }

        private static void Drain(ModelledBoard models, AcquisitionPipeline pipeline, SiftingLoopback loop, long[] times, byte[] channels, int n)
        {
            models.FifoTagger!.Enqueue(times.AsSpan(0, n), channels.AsSpan(0, n));
            while (pipeline.RunBatch() > 0)
            {
                loop.Pump();
            }
        }

        private static string Describe(SiftingCounters c) =>
            string.Join(",", c.Clicks, c.IgnoredClicks, c.OutOfOrderClicks, c.DuplicateClicks, c.SingleClickSlots, c.SameBasisDoubleClicks,
                c.CrossBasisMultiClicks, c.DroppedSlots, c.DroppedClicks, c.AnnouncedSlots, c.AnnouncementsSent, c.AnnounceBytes,
                c.MatchBytes, c.SiftedBits, c.BlocksClosed, c.BlocksAccepted, c.BitsDisclosed, c.BitsDelivered, c.InternalErrors,
                c.MalformedPayloads, c.UnexpectedMessages);
    }

    private readonly record struct TimeTaggerCountersView(long Delivered, long Missed, long Rollovers, long Overflowed)
    {
        public TimeTaggerCountersView(FifoTimeTagger tagger)
            : this(tagger.Counters.Delivered, tagger.Counters.Missed, tagger.Counters.Rollovers, tagger.Counters.Overflowed)
        {
        }
    }
}

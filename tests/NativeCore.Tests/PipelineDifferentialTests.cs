using System.Diagnostics;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Sim;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using Xunit.Abstractions;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The whole native per-event path in one call per burst (gs_pipeline: decode, counts, over-light, the native timing
/// engine, announce) against the managed chain (FifoTimeTagger, AcquisitionPipeline's counts, SpcmController,
/// TimingEngine, GroundSifter) on the FIFO records of the default pass: the same events per channel, tagger
/// counters, slots, trips, announcement payloads and role bytes, and sifting counters. Prints the time per event of
/// both (a figure, not an assertion; `gsctl bench core` is the benchmark).
/// </summary>
public class PipelineDifferentialTests(ITestOutputHelper output)
{
    private const int Burst = 128;

    [NativeFact]
    public void One_call_per_burst_gives_what_the_managed_chain_gives_on_the_default_pass()
    {
        var pass = new PassConfig();
        var sim = new PassSimulator(pass, 3);
        long predictedPs = (long)Math.Round(sim.Physics.IdealArrivalGroundPs(0));
        var spi = new ScriptedFifoTagger(1000);
        int sequence = 0;
        long until = predictedPs + 30_000_000_000_000L;
        foreach (TaggerEvent e in sim.Events())
        {
            if (e.TimePs > until)
            {
                break;
            }

            var record = new byte[8];
            for (int b = 0; b < 6; b++)
            {
                record[b] = (byte)(e.TimePs >> (40 - 8 * b));
            }

            record[6] = (byte)(e.Channel << 4);
            record[7] = (byte)sequence++;
            spi.Enqueue(record);
        }

        // Managed: the firmware's chain, batch by batch.
        var clock = new VirtualClock();
        var tagger = new FifoTimeTagger(spi);
        tagger.Start();
        var channels = Detectors(clock);
        var detectors = new SpcmController(channels, Array.Empty<Mcp4922>(), null, null, clock, 1_000_000_000L);
        var managedTrips = new List<(int, long)>();
        detectors.Faulted += (c, _, ps, _) => managedTrips.Add((c, ps));
        for (int c = 0; c < channels.Length; c++)
        {
            detectors.SetChannelOn(c, true);
        }

        var timing = new TimingEngine(new TimingConfig());
        timing.SetCoarsePrediction(predictedPs, 0, SimulatedPass.PredictionUncertaintyPs);
        var sifting = SiftingConfig.FromBudget(BufferBudget.Large(), ReceiverMap.Default());
        var link = new AnnounceCapture();
        var sifter = new GroundSifter(sifting, new SeededRandomSource(5), link);
        var times = new long[Burst];
        var eventChannels = new byte[Burst];
        var slots = new long[Burst];
        var slotChannels = new byte[Burst];
        var managedCounts = new long[8];
        long managedSlotSum = 0;
        var managedClock = new Stopwatch();
        var readClock = new Stopwatch();
        int events = 0;
        while (spi.Queued > 0)
        {
            readClock.Start();
            int n = tagger.ReadBatch(times, eventChannels, 0, Burst);
            readClock.Stop();
            managedClock.Start();
            for (int i = 0; i < n; i++)
            {
                managedCounts[eventChannels[i]]++;
            }

            detectors.OnDetections(times, eventChannels, 0, n);
            int assigned = timing.ProcessBatch(times, eventChannels, 0, n, slots, slotChannels, null, 0);
            if (assigned > 0)
            {
                sifter.Accept(slots, slotChannels, 0, assigned);
            }

            managedClock.Stop();
            events += n;
            managedSlotSum = SlotSum(managedSlotSum, slots, slotChannels, assigned);
            sifter.Service();
            link.AnswerAll(sifter);
        }

        sifter.EndOfInput();
        sifter.Service();
        link.AnswerAll(sifter);

        // Native: the same bursts, one gs_pipeline call each; timing in the native engine through its own handle.
        using var nativeTiming = new NativeTimingEngine(new TimingConfig());
        nativeTiming.SetCoarsePrediction(predictedPs, 0, SimulatedPass.PredictionUncertaintyPs);
        var nativeTrips = new List<(int, long)>();
        var nativeSent = new List<(byte[] Payload, byte[] Roles)>();
        var tx = new byte[sifting.MaxPayloadBytes];
        using var pipeline = new NativePipeline(channels.Length, 1_000_000_000L, sifting.BatchCapacity, sifting.MaxPayloadBytes,
            sifting.BatchCount, sifting.Receiver.ZBasisProbabilityPpm, Roles(sifting.Receiver), new SeededRandomSource(5))
        {
            Timing = (t, c, n, s, sc) => nativeTiming.ProcessBatch(t, c, 0, n, s, sc, null, 0),
            Trip = (c, ps) => nativeTrips.Add((c, ps)),
            BatchClosed = (info, deltas, roles, basis) =>
            {
                int length = SiftAnnounceCodec.EncodeFromParts(tx, 0, info.Number, info.Count, info.FirstSlot, deltas, info.DeltaBytes, basis);
                Assert.Equal(info.EncodedLength, length);
                nativeSent.Add((tx.AsSpan(0, length).ToArray(), roles.AsSpan(0, info.Count).ToArray()));
            },
        };
        for (int c = 0; c < channels.Length; c++)
        {
            pipeline.SetLimit(c, channels[c].MaxCountsPerWindow);
        }

        pipeline.Start(1000);
        long nativeSlotSum = 0;
        var nativeClock = new Stopwatch();
        foreach (var (_, burst) in spi.Bursts)
        {
            nativeClock.Start();
            pipeline.Run(burst, 0, burst.Length / 8, times, eventChannels, slots, slotChannels, out int assigned);
            nativeClock.Stop();
            nativeSlotSum = SlotSum(nativeSlotSum, slots, slotChannels, assigned);
            pipeline.SetOldest((uint)nativeSent.Count); // the satellite side answered every announcement
        }

        pipeline.EndOfInput();

        Assert.True(events > 100_000, $"the pass delivers events ({events}, assigned {timing.Counters.Assigned}, trips {managedTrips.Count})");
        Assert.True(timing.Counters.Assigned > 100_000, "the pass locks");
        for (int c = 0; c < 8; c++)
        {
            Assert.Equal(managedCounts[c], pipeline.ChannelCount(c));
        }

        NativeFifoCounters fifo = pipeline.FifoCounters;
        Assert.Equal((tagger.Counters.Delivered, tagger.Counters.Missed, tagger.Counters.Rollovers), (fifo.Delivered, fifo.Missed, fifo.Rollovers));
        Assert.Equal(timing.Counters.Assigned, nativeTiming.Counters.Assigned);
        Assert.Equal(managedSlotSum, nativeSlotSum);
        Assert.Equal(managedTrips, nativeTrips);
        Assert.Equal(link.Sent.Count, nativeSent.Count);
        for (int i = 0; i < link.Sent.Count; i++)
        {
            Assert.Equal(link.Sent[i].Payload, nativeSent[i].Payload);
            Assert.Equal(link.Sent[i].Roles, nativeSent[i].Roles);
        }

        NativeAnnounceCounters a = pipeline.TakeAnnounceCounters();
        Assert.Equal(
            (sifter.Counters.Clicks, sifter.Counters.SingleClickSlots, sifter.Counters.SameBasisDoubleClicks, sifter.Counters.CrossBasisMultiClicks,
                sifter.Counters.DuplicateClicks, sifter.Counters.DroppedSlots, sifter.Counters.IgnoredClicks, sifter.Counters.OutOfOrderClicks),
            (a.Clicks, a.SingleClickSlots, a.SameBasisDoubleClicks, a.CrossBasisMultiClicks, a.DuplicateClicks, a.DroppedSlots, a.IgnoredClicks,
                a.OutOfOrderClicks));

        output.WriteLine($"{events} events, {link.Sent.Count} announcements; managed: ReadBatch (scripted SPI + decode) " +
                         $"{readClock.Elapsed.TotalNanoseconds / events:F0} ns/event, counts + over-light + timing + announce " +
                         $"{managedClock.Elapsed.TotalNanoseconds / events:F0} ns/event; native gs_pipeline (decode + counts + over-light + " +
                         $"timing + announce, the test's batch callbacks included) {nativeClock.Elapsed.TotalNanoseconds / events:F0} ns/event");
    }

    private static long SlotSum(long sum, long[] slots, byte[] channels, int n)
    {
        for (int i = 0; i < n; i++)
        {
            sum = unchecked((sum * 1_000_003) + slots[i] + channels[i]);
        }

        return sum;
    }

    private static SpcmChannel[] Detectors(VirtualClock clock)
    {
        var channels = new SpcmChannel[4];
        for (int c = 0; c < channels.Length; c++)
        {
            channels[c] = new SpcmChannel(new FakeDigitalOutput(40 + c, "en", clock), new FakeDigitalOutput(50 + c, "gate", clock), null)
            {
                MaxCountsPerWindow = 2000,
            };
        }

        return channels;
    }

    private static byte[] Roles(ReceiverMap map)
    {
        var roles = new byte[256];
        for (int c = 0; c < roles.Length; c++)
        {
            roles[c] = (byte)map.RoleOf((byte)c);
        }

        return roles;
    }

    /// <summary>Captures announcements with their role bytes and answers each with "no basis matched".</summary>
    private sealed class AnnounceCapture : ISiftingLink
    {
        private int _answered;

        public List<(byte[] Payload, byte[] Roles)> Sent { get; } = new();

        public GroundSifter? Sifter { get; set; }

        public bool CanAccept(int payloadBytes) => true;

        public void Send(MessageType type, byte[] payload, int offset, int count)
        {
            if (type == MessageType.SiftAnnounce)
            {
                Sent.Add((payload.AsSpan(offset, count).ToArray(), Array.Empty<byte>()));
            }
        }

        public void AnswerAll(GroundSifter sifter)
        {
            for (; _answered < Sent.Count; _answered++)
            {
                Sent[_answered] = (Sent[_answered].Payload, CurrentRoles(sifter, Sent[_answered].Payload));
                Assert.True(SiftAnnounceCodec.TryDecodeHeader(Sent[_answered].Payload, 0, Sent[_answered].Payload.Length, out uint number, out int n));
                var reply = new byte[SiftMatchCodec.Length(number, n)];
                SiftMatchCodec.Encode(reply, 0, number, new byte[n], new byte[n], n);
                Assert.True(sifter.Receive(MessageType.SiftMatch, reply, 0, reply.Length));
            }
        }

        private static byte[] CurrentRoles(GroundSifter sifter, byte[] payload)
        {
            Assert.True(SiftAnnounceCodec.TryDecodeHeader(payload, 0, payload.Length, out uint number, out _));
            var batches = (Array)typeof(GroundSifter).GetField("_batches", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(sifter)!;
            object batch = batches.GetValue((int)(number % (uint)batches.Length))!;
            var roles = (byte[])batch.GetType().GetField("Roles")!.GetValue(batch)!;
            int count = (int)batch.GetType().GetField("Count")!.GetValue(batch)!;
            return roles.AsSpan(0, count).ToArray();
        }
    }
}

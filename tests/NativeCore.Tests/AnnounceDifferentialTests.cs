using System.Reflection;
using GroundStation.Firmware.Sifting;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The native announce path (gs_announce) against GroundSifter (the reference): byte-identical SiftAnnounce payloads
/// in the same order, the same key bits (role bytes) per batch, the same batch numbering under back-pressure, and the
/// same counters, on fuzzed detection streams (multi-clicks of every kind, out-of-order and foreign channels, 1- to
/// 6-byte deltas, batches closing on count and on bytes, periodic closes, flushes, slow match replies).
/// </summary>
public class AnnounceDifferentialTests
{
    [NativeTheory]
    [InlineData(1, 256, 2048, 1024, 4, 500000)]
    [InlineData(2, 40, 64, 64, 2, 500000)]     // small payloads: batches close on bytes
    [InlineData(3, 1024, 4096, 1200, 3, 700000)]
    [InlineData(4, 1, 8, 64, 2, 500000)]       // one detection per batch
    [InlineData(5, 128, 1024, 512, 6, 900000)]
    public void Native_announcements_match_the_managed_sifter(int seed, int batchCapacity, int blockBits, int payload,
        int batchCount, int zPpm)
    {
        var config = new SiftingConfig(ReceiverMap.Default(zPpm))
        {
            BatchCapacity = batchCapacity,
            BatchCount = batchCount,
            BlockBitCapacity = blockBits,
            MaxPayloadBytes = Math.Max(payload, SiftedBlockCodec.MaxLength(blockBits)),
        };
        var link = new CapturingLink();
        var sifter = new GroundSifter(config, new SeededRandomSource((ulong)seed), link);
        link.RolesOf = number => BatchRoles(sifter, number);

        var nativeRandom = new SeededRandomSource((ulong)seed);
        using var native = new NativeAnnouncer(config.BatchCapacity, config.MaxPayloadBytes, config.BatchCount,
            zPpm, RolesByChannel(config.Receiver));
        var nativeSent = new List<(byte[] Payload, byte[] Roles)>();
        var nativeCounters = new NativeAnnounceCounters();
        var deltas = new byte[8192];
        var roles = new byte[NativeAnnouncer.MaxCapacity];
        var basis = new byte[NativeAnnouncer.MaxCapacity / 8];
        var tx = new byte[config.MaxPayloadBytes];

        void FetchClosed()
        {
            NativeAnnounceBatchInfo info = native.FetchClosed(deltas, roles, basis);
            int length = SiftAnnounceCodec.EncodeFromParts(tx, 0, info.Number, info.Count, info.FirstSlot, deltas, info.DeltaBytes, basis);
            Assert.Equal(info.EncodedLength, length);
            nativeSent.Add((tx.AsSpan(0, length).ToArray(), roles.AsSpan(0, info.Count).ToArray()));
        }

        // The core stops for each closed batch (fetched here) and for random words (drawn here, exactly as many as
        // asked for, from a source seeded like the managed sifter's).
        void Handle(int result, int needed, Func<uint[]?, int, (int Result, int Needed)> again)
        {
            while (result != NativeAnnouncer.Done)
            {
                uint[]? words = null;
                int count = 0;
                if (result == NativeAnnouncer.BatchClosed)
                {
                    FetchClosed();
                }
                else
                {
                    count = needed;
                    words = new uint[count];
                    for (int w = 0; w < count; w++)
                    {
                        words[w] = nativeRandom.NextUInt32();
                    }
                }

                (result, needed) = again(words, count);
            }
        }

        void Accept(long[] s, byte[] c, int n)
        {
            int next = 0;
            int r = native.Accept(s, c, n, ref next, null, 0, out int needed);
            Handle(r, needed, (words, count) =>
            {
                int again = native.Accept(s, c, n, ref next, words, count, out int more);
                return (again, more);
            });
        }

        void FinishAndClose()
        {
            int r = native.FinishOpenSlot(null, 0, out int needed);
            Handle(r, needed, (words, count) =>
            {
                int again = native.FinishOpenSlot(words, count, out int more);
                return (again, more);
            });
            Handle(native.CloseFilling(), 0, (_, _) => (NativeAnnouncer.Done, 0));
        }

        var random = new Random(seed);
        var slots = new long[600];
        var channels = new byte[600];
        long slot = random.NextInt64(0, 1L << 20);
        uint oldest = 0;
        for (int step = 0; step < 500; step++)
        {
            int n = FuzzedDetections(random, slots, channels, ref slot);
            sifter.Accept(slots, channels, 0, n);
            Accept(slots, channels, n);

            int action = random.Next(20);
            if (action == 0)
            {
                sifter.CloseAnnouncement();
                Handle(native.CloseFilling(), 0, (_, _) => (NativeAnnouncer.Done, 0));
            }
            else if (action == 1)
            {
                sifter.EndOfInput();
                FinishAndClose();
            }

            // The satellite side answers the oldest announcements, sometimes late (back-pressure then drops slots).
            sifter.Service();
            if (random.Next(3) == 0)
            {
                while (oldest < link.Sent.Count && random.Next(4) != 0)
                {
                    byte[] reply = NoMatches(link.Sent[(int)oldest].Payload);
                    Assert.True(sifter.Receive(MessageType.SiftMatch, reply, 0, reply.Length));
                    oldest++;
                }

                native.SetOldest(oldest);
                sifter.Service();
            }

            Add(ref nativeCounters, native.TakeCounters());
            AssertSameCounters(sifter.Counters, nativeCounters);
            Assert.Equal(sifter.BatchesOutstanding, (int)(native.NextBatch - oldest));
        }

        // Everything the managed sifter sent, the native path closed identically (it may have closed more that the
        // managed one still holds back for the link).
        Assert.True(link.Sent.Count > 30, "the stream fills batches");
        Assert.True(nativeCounters.DroppedSlots > 0, "back-pressure drops slots");
        Assert.True(nativeCounters.CrossBasisMultiClicks > 0 && nativeCounters.SameBasisDoubleClicks > 0, "multi-clicks are squashed");
        Assert.True(nativeSent.Count >= link.Sent.Count);
        for (int i = 0; i < link.Sent.Count; i++)
        {
            Assert.Equal(link.Sent[i].Payload, nativeSent[i].Payload);
            Assert.Equal(link.Sent[i].Roles, nativeSent[i].Roles);
        }
    }

    /// <summary>The satellite side's reply to an announcement when no basis matched (frees the batch, sifts nothing).</summary>
    private static byte[] NoMatches(byte[] announce)
    {
        Assert.True(SiftAnnounceCodec.TryDecodeHeader(announce, 0, announce.Length, out uint number, out int count));
        var reply = new byte[SiftMatchCodec.Length(number, count)];
        int length = SiftMatchCodec.Encode(reply, 0, number, new byte[count], new byte[count], count);
        Assert.Equal(reply.Length, length);
        return reply;
    }

    /// <summary>
    /// Detections ordered by slot as the timing engine gives them: mostly one click per slot with 1- and 2-byte
    /// deltas, some multi-clicks (one detector twice, both of a basis, both bases), long gaps, foreign channels
    /// (beacon, spares) and now and then a slot out of order.
    /// </summary>
    private static int FuzzedDetections(Random random, long[] slots, byte[] channels, ref long slot)
    {
        int n = random.Next(8) == 0 ? random.Next(0, 3) : random.Next(0, slots.Length);
        int i = 0;
        while (i < n)
        {
            int kind = random.Next(1000);
            long gap = kind switch
            {
                < 600 => random.Next(1, 128),
                < 900 => random.Next(128, 16384),
                < 990 => random.NextInt64(16384, 1L << 28),
                < 995 => random.NextInt64(1L << 28, 1L << 42),
                _ => -random.Next(1, 3000),
            };
            slot = Math.Max(0, slot + gap);
            int clicks = random.Next(15) == 0 ? random.Next(2, 5) : 1;
            for (int k = 0; k < clicks && i < n; k++, i++)
            {
                slots[i] = slot;
                channels[i] = (byte)(random.Next(12) != 0 ? random.Next(4) : random.Next(4, 256));
            }
        }

        return n;
    }

    /// <summary>The role bytes (key bits) of the managed sifter's batch, read where it keeps them until the match.</summary>
    private static byte[] BatchRoles(GroundSifter sifter, uint number)
    {
        var batches = (Array)typeof(GroundSifter).GetField("_batches", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(sifter)!;
        object batch = batches.GetValue((int)(number % (uint)batches.Length))!;
        var roles = (byte[])batch.GetType().GetField("Roles")!.GetValue(batch)!;
        int count = (int)batch.GetType().GetField("Count")!.GetValue(batch)!;
        return roles.AsSpan(0, count).ToArray();
    }

    private static byte[] RolesByChannel(ReceiverMap map)
    {
        var roles = new byte[256];
        for (int c = 0; c < roles.Length; c++)
        {
            roles[c] = (byte)map.RoleOf((byte)c);
        }

        return roles;
    }

    private static void Add(ref NativeAnnounceCounters total, NativeAnnounceCounters part)
    {
        total.Clicks += part.Clicks;
        total.IgnoredClicks += part.IgnoredClicks;
        total.OutOfOrderClicks += part.OutOfOrderClicks;
        total.DuplicateClicks += part.DuplicateClicks;
        total.SingleClickSlots += part.SingleClickSlots;
        total.SameBasisDoubleClicks += part.SameBasisDoubleClicks;
        total.CrossBasisMultiClicks += part.CrossBasisMultiClicks;
        total.DroppedSlots += part.DroppedSlots;
        total.DroppedClicks += part.DroppedClicks;
    }

    private static void AssertSameCounters(SiftingCounters managed, NativeAnnounceCounters native)
    {
        Assert.Equal(
            (managed.Clicks, managed.IgnoredClicks, managed.OutOfOrderClicks, managed.DuplicateClicks, managed.SingleClickSlots),
            (native.Clicks, native.IgnoredClicks, native.OutOfOrderClicks, native.DuplicateClicks, native.SingleClickSlots));
        Assert.Equal(
            (managed.SameBasisDoubleClicks, managed.CrossBasisMultiClicks, managed.DroppedSlots, managed.DroppedClicks),
            (native.SameBasisDoubleClicks, native.CrossBasisMultiClicks, native.DroppedSlots, native.DroppedClicks));
    }

    private sealed class CapturingLink : ISiftingLink
    {
        public List<(byte[] Payload, byte[] Roles)> Sent { get; } = new();

        public Func<uint, byte[]> RolesOf { get; set; } = _ => Array.Empty<byte>();

        public bool CanAccept(int payloadBytes) => true;

        public void Send(MessageType type, byte[] payload, int offset, int count)
        {
            if (type == MessageType.SiftAnnounce)
            {
                Assert.True(SiftAnnounceCodec.TryDecodeHeader(payload, offset, count, out uint number, out _));
                Sent.Add((payload.AsSpan(offset, count).ToArray(), RolesOf(number)));
            }
        }
    }
}

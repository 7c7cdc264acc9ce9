using GroundStation.Firmware.Sifting;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// The ground sifter (firmware/Sifting) on a fixed record of assigned detections, every expected byte worked out
    /// by hand below from the record, the receiver map and the wire formats of protocol/Sifting/README.md (varints
    /// are unsigned LEB128; bit arrays LSB first, item i in byte i/8 bit i%8; 2-bit classes item i in byte i/4 bits
    /// 2*(i%4)). Multi-clicks are squashed with a scripted random source, so their outcome is known too.
    ///
    /// Receiver map (ReceiverMap.Default(), 50/50 splitter): channel 0 H = (Z,0), 1 V = (Z,1), 2 D = (X,0),
    /// 3 A = (X,1), 4 beacon = no key. Basis Z = 0, X = 1.
    ///
    /// The record (slot, channel), fed in two Accept calls split inside slot 1130:
    /// <code>
    ///  #   slot  clicks      squashed (basis,bit)              satellite class / match
    ///  i0  1000  H           single          Z 0               signal  1
    ///  i1  1003  A A         single (dup.)   X 1               decoy   0
    ///  --  1010  beacon      ignored (no role, no slot)
    ///  i2  1130  H V         same basis      Z, random bit 1   decoy   1
    ///  i3  1200  D           single          X 0               signal  1
    ///  i4  1201  V D         cross basis     random X, bit 1   vacuum  1
    ///  i5  1500  V           single          Z 1               not sent 0
    ///  i6  1800  A           single          X 1               signal  1
    ///  i7  1801  V           single          Z 1               signal  1
    ///  i8  1802  D           single          X 0               signal  1
    ///  i9  1810  H           single          Z 0               signal  0
    ///  i10 1900  A           single          X 1               signal  1
    ///  i11 1901  H           single          Z 0               signal  1
    ///  i12 2000  V           single          Z 1               signal  1
    ///  i13 2001  A           single          X 1               signal  1
    /// </code>
    /// Random draws, in the order the sifter makes them (a slot is squashed when the next slot arrives):
    /// slot 1130 bit = 0x80000000 >> 31 = 1; slot 1201 basis: (0xC0000000 * 10^6) >> 32 = 750000 >= 500000 ppm
    /// → X; slot 1201 bit = 0x80000000 >> 31 = 1. (X,1) is neither clicking detector's outcome (V = Z1, D = X0):
    /// the squashing rule assigns a random outcome, it does not pick one of the clicks.
    /// </summary>
    [TestClass]
    public class SiftingFixedRecordTests
    {
        private static readonly long[] RecordSlots = new long[]
        {
            1000, 1003, 1003, 1010, 1130, 1130, 1200, 1201, 1201, 1500, 1800, 1801, 1802, 1810, 1900, 1901, 2000, 2001,
        };

        private static readonly byte[] RecordChannels = new byte[]
        {
            0, 3, 3, 4, 0, 1, 2, 1, 2, 1, 3, 1, 2, 0, 3, 0, 1, 3,
        };

        /// <summary>The same record with every detector's bit value flipped (H↔V, D↔A): same slots, same bases.</summary>
        private static readonly byte[] FlippedChannels = new byte[]
        {
            1, 2, 2, 4, 1, 0, 3, 0, 3, 0, 2, 0, 3, 1, 2, 1, 0, 2,
        };

        /// <summary>
        /// SiftAnnounce for batch 0, hand-encoded:
        /// 00 batch 0 | 0E count 14 | E8 07 first slot 1000 (1000 = 7*128 + 104: 0x80|0x68, 0x07) |
        /// deltas 3 → 03, 127 → 7F (largest 1-byte varint), 70 → 46, 1 → 01, 299 → AB 02 (2*128 + 43), 300 → AC 02,
        /// 1 → 01, 1 → 01, 8 → 08, 90 → 5A, 1 → 01, 99 → 63, 1 → 01 |
        /// bases i0..i7 = Z X Z X X Z X Z → bits 0,1,0,1,1,0,1,0 → 0x5A; i8..i13 = X Z X Z Z X → 1,0,1,0,0,1 → 0x25.
        /// </summary>
        private static readonly byte[] ExpectedAnnouncement = new byte[]
        {
            0x00, 0x0E, 0xE8, 0x07, 0x03, 0x7F, 0x46, 0x01, 0xAB, 0x02, 0xAC, 0x02, 0x01, 0x01, 0x08, 0x5A, 0x01, 0x63, 0x01,
            0x5A, 0x25,
        };

        /// <summary>
        /// The satellite side's SiftMatch for batch 0 (the table's last column):
        /// 00 batch | 0E count 14 | match i0..i7 = 1,0,1,1,1,0,1,1 → 0xDD; i8..i13 = 1,0,1,1,1,1 → 0x3D |
        /// classes (signal 0, decoy 1, vacuum 2, not sent 3): i0..i3 = 0,1,1,0 → 0x04|0x10 = 0x14;
        /// i4..i7 = 2,3,0,0 → 0x02|0x0C = 0x0E; i8..i11 = 0 → 0x00; i12..i13 = 0 → 0x00.
        /// </summary>
        private static readonly byte[] SatelliteMatch = new byte[] { 0x00, 0x0E, 0xDD, 0x3D, 0x14, 0x0E, 0x00, 0x00 };

        /// <summary>Draws for slot 1130's bit, slot 1201's basis and bit (see the class comment).</summary>
        private static ScriptedRandomSource SquashingDraws()
        {
            return new ScriptedRandomSource(new uint[] { 0x80000000u, 0xC0000000u, 0x80000000u });
        }

        /// <summary>One batch holds the whole record; one 16-bit block holds every sifted bit (it closes on flush).</summary>
        private static SiftingConfig SmallConfig()
        {
            SiftingConfig config = new SiftingConfig(ReceiverMap.Default());
            config.BatchCapacity = 16;
            config.BatchCount = 2;
            config.BlockBitCapacity = 16;
            config.BlockCount = 2;
            config.MaxPayloadBytes = 64;
            return config;
        }

        private static void FeedRecord(GroundSifter sifter, byte[] channels)
        {
            // Split inside slot 1130 (H at index 4, V at index 5): the open slot must carry over between calls.
            sifter.Accept(RecordSlots, channels, 0, 5);
            sifter.Accept(RecordSlots, channels, 5, RecordSlots.Length - 5);
            sifter.EndOfInput();
            sifter.Service();
        }

        [TestMethod]
        public void Announcement_of_the_fixed_record_carries_slots_and_bases_only()
        {
            RecordingSiftingLink link = new RecordingSiftingLink();
            ScriptedRandomSource random = SquashingDraws();
            GroundSifter sifter = new GroundSifter(SmallConfig(), random, link);

            FeedRecord(sifter, RecordChannels);

            Assert.AreEqual(1, link.Count);
            Assert.AreEqual((int)MessageType.SiftAnnounce, (int)link.TypeAt(0));
            AssertBytes(ExpectedAnnouncement, link.PayloadAt(0), "SiftAnnounce");
            Assert.AreEqual(3, random.Draws, "one draw for the same-basis double click, two for the cross-basis one");

            // Clicks: 18 detections; beacon 1; the second A at 1003 is a duplicate; 14 slots = 12 single + 1 + 1.
            SiftingCounters c = sifter.Counters;
            Assert.AreEqual(18L, c.Clicks);
            Assert.AreEqual(1L, c.IgnoredClicks);
            Assert.AreEqual(1L, c.DuplicateClicks);
            Assert.AreEqual(12L, c.SingleClickSlots);
            Assert.AreEqual(1L, c.SameBasisDoubleClicks);
            Assert.AreEqual(1L, c.CrossBasisMultiClicks);
            Assert.AreEqual(0L, c.OutOfOrderClicks);
            Assert.AreEqual(0L, c.DroppedSlots);
            Assert.AreEqual(14L, c.AnnouncedSlots);
            Assert.AreEqual(1L, c.AnnouncementsSent);
            Assert.AreEqual(21L, c.AnnounceBytes);
            Assert.AreEqual(1, sifter.BatchesAwaitingMatch);
        }

        [TestMethod]
        public void Flipping_every_bit_value_leaves_the_announcement_unchanged()
        {
            // H↔V and D↔A change every bit but no slot and no basis (the double clicks stay double, same or cross
            // basis, and draw the same values): the announcement must not change by a single byte.
            RecordingSiftingLink link = new RecordingSiftingLink();
            GroundSifter sifter = new GroundSifter(SmallConfig(), SquashingDraws(), link);

            FeedRecord(sifter, FlippedChannels);

            Assert.AreEqual(1, link.Count);
            AssertBytes(ExpectedAnnouncement, link.PayloadAt(0), "SiftAnnounce of the flipped record");
        }

        [TestMethod]
        public void Match_reply_gives_the_hand_computed_sifted_block()
        {
            RecordingSiftingLink link = new RecordingSiftingLink();
            GroundSifter sifter = new GroundSifter(SmallConfig(), SquashingDraws(), link);
            FeedRecord(sifter, RecordChannels);
            link.Clear();

            Assert.IsTrue(sifter.Receive(MessageType.SiftMatch, SatelliteMatch, 0, SatelliteMatch.Length));

            // Detections per class: signal i0 i3 i6 i7 i8 i9 i10 i11 i12 i13 = 10, decoy i1 i2 = 2, vacuum i4 = 1,
            // not sent i5 = 1. Sifted (matched): signal all but i9 = 9, decoy i2 = 1, vacuum i4 = 1; 11 in all.
            SiftingCounters c = sifter.Counters;
            Assert.AreEqual(10L, c.DetectionsInClass(SiftCodes.ClassSignal));
            Assert.AreEqual(2L, c.DetectionsInClass(SiftCodes.ClassDecoy));
            Assert.AreEqual(1L, c.DetectionsInClass(SiftCodes.ClassVacuum));
            Assert.AreEqual(1L, c.DetectionsInClass(SiftCodes.ClassNotSent));
            Assert.AreEqual(9L, c.SiftedInClass(SiftCodes.ClassSignal));
            Assert.AreEqual(1L, c.SiftedInClass(SiftCodes.ClassDecoy));
            Assert.AreEqual(1L, c.SiftedInClass(SiftCodes.ClassVacuum));
            Assert.AreEqual(11L, c.SiftedBits);
            Assert.AreEqual(0, sifter.BatchesOutstanding);

            // 11 bits < 16: the block closes on flush. SiftBlockClosed: 00 block 0 | 09 signal | 01 decoy | 01 vacuum.
            sifter.Flush();
            sifter.Service();
            Assert.AreEqual(1, link.Count);
            Assert.AreEqual((int)MessageType.SiftBlockClosed, (int)link.TypeAt(0));
            AssertBytes(new byte[] { 0x00, 0x09, 0x01, 0x01 }, link.PayloadAt(0), "SiftBlockClosed");
            Assert.AreEqual(1L, c.BlocksClosed);

            // The host releases block 0 without estimation (sample size 0): 00 block | 00 k.
            link.Clear();
            byte[] request = new byte[] { 0x00, 0x00 };
            Assert.IsTrue(sifter.Receive(MessageType.SiftEstimateRequest, request, 0, request.Length));
            sifter.Service();

            Assert.AreEqual(2, link.Count);

            // SiftEstimateResult: 00 block | 00 accepted | B0 DB 06 threshold 110000 ppm (0x1ADB0: 0x80|0x30,
            // 0x80|0x5B, 0x06) | 6 cells x (sampled 0, errors 0).
            Assert.AreEqual((int)MessageType.SiftEstimateResult, (int)link.TypeAt(0));
            AssertBytes(new byte[] { 0x00, 0x00, 0xB0, 0xDB, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, link.PayloadAt(0), "SiftEstimateResult");

            // SiftedBlock, block 0, bits in sifting order per class:
            // signal n = 9: i0 i3 i6 i7 i8 i10 i11 i12 | i13
            //   key   0  0  1  1  0  1   0   1  | 1  → 0b10101100 = 0xAC, 0x01
            //   basis Z  X  X  Z  X  X   Z   Z  | X  → bits 0,1,1,0,1,1,0,0 = 0b00110110 = 0x36, 0x01
            // decoy n = 1: i2 key 1 → 0x01, basis Z → 0x00
            // vacuum n = 1: i4 key 1 → 0x01, basis X → 0x01
            Assert.AreEqual((int)MessageType.SiftedBlock, (int)link.TypeAt(1));
            AssertBytes(new byte[] { 0x00, 0x09, 0xAC, 0x01, 0x36, 0x01, 0x01, 0x01, 0x00, 0x01, 0x01, 0x01 }, link.PayloadAt(1), "SiftedBlock");
            Assert.AreEqual(1L, c.BlocksAccepted);
            Assert.AreEqual(11L, c.BitsDelivered);
            Assert.AreEqual(0L, c.BitsDisclosed);
            Assert.AreEqual(0L, c.MalformedPayloads);
            Assert.AreEqual(0L, c.UnexpectedMessages);
            Assert.AreEqual(0L, c.InternalErrors);
        }

        [TestMethod]
        public void A_match_reply_for_the_wrong_batch_is_refused_and_sifts_nothing()
        {
            RecordingSiftingLink link = new RecordingSiftingLink();
            GroundSifter sifter = new GroundSifter(SmallConfig(), SquashingDraws(), link);
            FeedRecord(sifter, RecordChannels);

            // Batch 1 was never announced: same reply, first byte changed.
            byte[] wrongBatch = new byte[] { 0x01, 0x0E, 0xDD, 0x3D, 0x14, 0x0E, 0x00, 0x00 };
            Assert.IsFalse(sifter.Receive(MessageType.SiftMatch, wrongBatch, 0, wrongBatch.Length));

            Assert.AreEqual(1L, sifter.Counters.UnexpectedMessages);
            Assert.AreEqual(0L, sifter.Counters.SiftedBits);
            Assert.AreEqual(1, sifter.BatchesAwaitingMatch);
        }

        private static void AssertBytes(byte[] expected, byte[] actual, string what)
        {
            Assert.AreEqual(Hex.Encode(expected, 0, expected.Length), Hex.Encode(actual, 0, actual.Length), what);
        }
    }
}

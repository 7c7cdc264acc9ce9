using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Gpx2;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// The tagger drivers decode recorded chip bytes: every SPI frame is replayed from a literal capture
    /// (<see cref="ReplaySpiDevice"/>, which also checks the driver's opcode and frame length), and every expected
    /// timestamp is worked out by hand from the chips' READMEs: firmware/Drivers/FifoTagger/README.md (record format,
    /// ps = units/1000*LSB + (units%1000)*LSB/1000, 48-bit wrap) and firmware/Drivers/Gpx2/README.md
    /// (t = REFERENCE_INDEX x T_ref + STOPRESULT x T_ref / REFCLK_DIVISIONS, 24-bit index).
    /// </summary>
    [TestClass]
    public class DriverByteDecodingTests
    {
        private const long TwoPow48 = 281474976710656L;

        private readonly long[] _times = new long[32];
        private readonly byte[] _channels = new byte[32];

        // ---------------- FPGA FIFO tagger ----------------

        /// <summary>
        /// The frames of FifoTimeTagger.Start() (README "Host sequence" step 1) for a tagger with FIFO_DEPTH 4096 and
        /// the given TIME_LSB_FS; register reads answer [x][x][b31..24][b23..16][b15..8][b7..0].
        /// </summary>
        private static ReplaySpiDevice FifoTaggerStarting(byte lsbHigh, byte lsbLow)
        {
            ReplaySpiDevice spi = new ReplaySpiDevice("tagger");
            spi.Silent(0x49, 5);                                                   // write RESET "RSET"
            spi.Frame(0x00, new byte[] { 0x00, 0x00, 0x47, 0x53, 0x54, 0x46 });    // IDENTITY "GSTF"
            spi.Frame(0x01, new byte[] { 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 });    // VERSION 1.0.0
            spi.Frame(0x03, new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00 });    // FIFO_DEPTH 4096
            spi.Frame(0x07, new byte[] { 0x00, 0x00, 0x00, 0x00, lsbHigh, lsbLow }); // TIME_LSB_FS
            spi.Silent(0x45, 5);                                                   // write CHANNEL_ENABLE 0x1F
            spi.Silent(0x48, 5);                                                   // write READY_THRESHOLD 1
            spi.Frame(0x05, new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F });    // CHANNEL_ENABLE read back
            spi.Frame(0x08, new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 });    // READY_THRESHOLD read back
            spi.Silent(0x42, 5);                                                   // STATUS W1C RESET_SEEN|OVERFLOW
            spi.Silent(0x46, 5);                                                   // CONTROL.RUN
            return spi;
        }

        [TestMethod]
        public void Fifo_tagger_burst_extends_time_across_the_48_bit_wrap()
        {
            // 1 ps per unit (TIME_LSB_FS 1000 = 0x03E8). A quiet tagger 211 s after reset: the FIFO holds the time
            // marks at 2^46, 2^47, 3*2^46, two events just before the 2^48 wrap, the wrap's time mark (TIME 0) and
            // two events after it. Record = TIME[47:0] (6 bytes MSB first), CHANNEL<<4 | FLAGS, SEQ.
            ReplaySpiDevice spi = FifoTaggerStarting(0x03, 0xE8);
            spi.Frame(0x02, new byte[] { 0x00, 0x00, 0x5A, 0x20, 0x00, 0x08 });   // STATUS: signature, RUNNING, level 8
            spi.Frame(0xC0, new byte[]
            {
                0x00, 0x00,                                       // opcode and turnaround
                0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x00,   // time mark 2^46, SEQ 0
                0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x01,   // time mark 2^47, SEQ 1
                0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x02,   // time mark 3*2^46, SEQ 2
                0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0x00, 0x00, 0x03,   // input 0 at 0xFFFFFFFFF000, SEQ 3
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x40, 0x04,   // input 4 at 0xFFFFFFFFFF00, SEQ 4
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x05,   // time mark 0 = 2^48 mod 2^48, SEQ 5
                0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x10, 0x06,   // input 1 at 0x000000000100, SEQ 6
                0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x30, 0x07,   // input 3 at 0x000000002000, SEQ 7
            });
            FifoTimeTagger tagger = new FifoTimeTagger(spi);
            tagger.Start();

            int n = tagger.ReadBatch(_times, _channels, 0, _times.Length);

            // 0xFFFFFFFFF000 = 2^48 - 4096; 0xFFFFFFFFFF00 = 2^48 - 256; after the wrap's mark (extended to 2^48,
            // nearest the previous record) 0x100 -> 2^48 + 256 and 0x2000 -> 2^48 + 8192. At 1 ps per unit
            // ps = units/1000*1000 + (units%1000)*1000/1000 = units. Time marks are consumed, not delivered.
            Assert.AreEqual(4, n);
            AssertRecord(0, TwoPow48 - 4096, 0);   // 281 474 976 706 560 ps
            AssertRecord(1, TwoPow48 - 256, 4);    // 281 474 976 710 400 ps
            AssertRecord(2, TwoPow48 + 256, 1);    // 281 474 976 710 912 ps
            AssertRecord(3, TwoPow48 + 8192, 3);   // 281 474 976 718 848 ps
            Assert.AreEqual(281474976706560L, _times[0]);
            Assert.AreEqual(1L, tagger.Counters.Rollovers);
            Assert.AreEqual(4L, tagger.Counters.Delivered);
            Assert.AreEqual(0L, tagger.Counters.Missed);
            Assert.AreEqual(4096, tagger.FifoDepth);
            Assert.AreEqual(0, spi.FramesLeft);
        }

        [TestMethod]
        public void Fifo_tagger_converts_units_of_15_625_ps_and_counts_gaps_backsteps_and_overflow()
        {
            // TIME_LSB_FS 15625 = 0x3D09 (15.625 ps per unit).
            ReplaySpiDevice spi = FifoTaggerStarting(0x3D, 0x09);
            spi.Frame(0x02, new byte[] { 0x00, 0x00, 0x5A, 0x20, 0x00, 0x05 });   // STATUS: level 5
            spi.Frame(0xC0, new byte[]
            {
                0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x20, 0x00,   // input 2, 64 units, SEQ 0
                0x00, 0x00, 0x00, 0x00, 0x03, 0xE9, 0x00, 0x01,   // input 0, 1001 units, SEQ 1
                0x00, 0x00, 0x00, 0x01, 0xE2, 0x40, 0x40, 0x03,   // input 4, 123456 units, SEQ 3 (SEQ 2 lost on the bus)
                0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x04,   // input 0, 768 units: before 1001 on the same input
                0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x11, 0x05,   // input 1, 1048576 units, OVERFLOW_BEFORE, SEQ 5
            });

            // OVERFLOW_BEFORE: the driver reads LOST_COUNT (3 events dropped) and clears STATUS.OVERFLOW.
            spi.Frame(0x04, new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 });
            spi.Silent(0x42, 5);
            FifoTimeTagger tagger = new FifoTimeTagger(spi);
            tagger.Start();

            int n = tagger.ReadBatch(_times, _channels, 0, _times.Length);

            // ps = units/1000*15625 + (units%1000)*15625/1000:
            //   64      -> 0 + 64*15625/1000 = 1 000 000/1000 = 1000
            //   1001    -> 1*15625 + 1*15625/1000 = 15625 + 15 = 15640 (15 640.625 truncated)
            //   123456  -> 123*15625 + 456*15625/1000 = 1 921 875 + 7125 = 1 929 000
            //   768     -> dropped: input 0 already delivered 15640 ps (Missed 1)
            //   1048576 -> 1048*15625 + 576*15625/1000 = 16 375 000 + 9000 = 16 384 000
            // SEQ 1 -> 3 skips one record (Missed 1): Missed = 2; Overflowed = LOST_COUNT 3 - 0.
            Assert.AreEqual(4, n);
            AssertRecord(0, 1000L, 2);
            AssertRecord(1, 15640L, 0);
            AssertRecord(2, 1929000L, 4);
            AssertRecord(3, 16384000L, 1);
            Assert.AreEqual(2L, tagger.Counters.Missed);
            Assert.AreEqual(3L, tagger.Counters.Overflowed);
            Assert.AreEqual(0L, tagger.Counters.Rollovers);
            Assert.AreEqual(15625L, tagger.TimeLsbFemtoseconds);
            Assert.AreEqual(0, spi.FramesLeft);
        }

        // ---------------- TDC-GPX2 ----------------

        /// <summary>
        /// The frames of Gpx2TimeTagger.Start(): power-on reset 0x30, write config 0x80 + 17 bytes, read config
        /// 0x40 + 17 bytes (the chip answers the bytes written: CFG0..CFG16, README "Facts relied on"), init 0x18.
        /// </summary>
        private static ReplaySpiDevice Gpx2Starting(byte[] configuration)
        {
            ReplaySpiDevice spi = new ReplaySpiDevice("gpx2");
            spi.Silent(0x30, 1);
            spi.Silent(0x80, 18);
            byte[] readBack = new byte[18];
            System.Array.Copy(configuration, 0, readBack, 1, 17);
            spi.Frame(0x40, readBack);
            spi.Silent(0x18, 1);
            return spi;
        }

        [TestMethod]
        public void Gpx2_result_bytes_decode_to_picoseconds_across_a_reference_index_roll_over()
        {
            // Default settings: REFCLK 5 MHz (T_ref 200 000 ps), REFCLK_DIVISIONS 200 000 (1 ps), STOP1..4 -> logical
            // 0, 1, 2, 4. CFG: 1F 0F 1D (STOP_DATA_BITWIDTH 3 = 20 bit, REF_INDEX_BITWIDTH 5 = 24 bit) | 40 0D 03
            // (200000 = 0x030D40, low byte first) | C0 53 | A1 13 00 0A CC CC F1 7D | 04.
            ReplaySpiDevice spi = Gpx2Starting(new byte[]
            {
                0x1F, 0x0F, 0x1D, 0x40, 0x0D, 0x03, 0xC0, 0x53, 0xA1, 0x13, 0x00, 0x0A, 0xCC, 0xCC, 0xF1, 0x7D, 0x04,
            });

            // Result registers 8..31 (read 0x68 + 24 bytes): per stop REFERENCE_INDEX (3 bytes) then STOPRESULT (3
            // bytes), MSB first; an empty FIFO reads all ones.
            spi.Frame(0x68, new byte[]
            {
                0x00,
                0xFF, 0xFF, 0xF0, 0x01, 0x86, 0xA0,   // STOP1: index 0xFFFFF0 = 16 777 200, stop 0x0186A0 = 100 000
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,   // STOP2 empty
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,   // STOP3 empty
                0xFF, 0xFF, 0xFF, 0x00, 0xC3, 0x50,   // STOP4: index 0xFFFFFF = 16 777 215, stop 0x00C350 = 50 000
            });
            spi.Frame(0x68, new byte[]
            {
                0x00,
                0x00, 0x00, 0x03, 0x03, 0x0D, 0x3F,   // STOP1: index 3 (after the 2^24 wrap), stop 0x030D3F = 199 999
                0x00, 0x00, 0x02, 0x00, 0x00, 0x64,   // STOP2: index 2, stop 100
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            });
            spi.Frame(0x68, AllOnesResults());        // every FIFO empty: the polling read stops here
            Gpx2TimeTagger tagger = new Gpx2TimeTagger(spi, null, new FixedClock(), new Gpx2Settings());
            tagger.Start();

            int n = tagger.ReadBatch(_times, _channels, 0, _times.Length);

            // t = index x 200 000 + stop x 200 000 / 200 000; indices after 16 777 215 continue at 2^24 = 16 777 216:
            //   STOP1 16 777 200 x 200 000 + 100 000       = 3 355 440 100 000 ps, channel 0
            //   STOP4 16 777 215 x 200 000 + 50 000        = 3 355 443 050 000 ps, channel 4
            //   STOP1 (2^24 + 3) x 200 000 + 199 999       = 3 355 443 999 999 ps, channel 0
            //   STOP2 (2^24 + 2) x 200 000 + 100           = 3 355 443 600 100 ps, channel 1 (read in stop order)
            Assert.AreEqual(4, n);
            AssertRecord(0, 3355440100000L, 0);
            AssertRecord(1, 3355443050000L, 4);
            AssertRecord(2, 3355443999999L, 0);
            AssertRecord(3, 3355443600100L, 1);
            Assert.AreEqual(1L, tagger.Counters.Rollovers);
            Assert.AreEqual(0L, tagger.Counters.Missed);
            Assert.AreEqual(3355443600100L, tagger.ToPicoseconds(16777218L, 100));
            Assert.AreEqual(0, spi.FramesLeft);
        }

        [TestMethod]
        public void Gpx2_at_10MHz_and_2ps_carries_a_silence_longer_than_a_wrap_with_the_board_clock()
        {
            // REFCLK 10 MHz (T_ref 100 000 ps), REFCLK_DIVISIONS 50 000 (LSB 2 ps): CFG3..5 = 50000 = 0x00C350 -> 50 C3 00.
            // Two-chip board, chip 1: STOP1..4 -> H, V, D, A (logical 0..3).
            Gpx2Settings settings = new Gpx2Settings();
            settings.ReferenceClockPeriodPicoseconds = 100000;
            settings.RefclkDivisions = 50000;
            settings.LogicalChannelOfStop = new byte[] { 0, 1, 2, 3 };
            ReplaySpiDevice spi = Gpx2Starting(new byte[]
            {
                0x1F, 0x0F, 0x1D, 0x50, 0xC3, 0x00, 0xC0, 0x53, 0xA1, 0x13, 0x00, 0x0A, 0xCC, 0xCC, 0xF1, 0x7D, 0x04,
            });
            spi.Frame(0x68, new byte[]
            {
                0x00,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0x00, 0x00, 0x10, 0x00, 0x61, 0xA7,   // STOP4: index 16, stop 0x0061A7 = 24 999
            });
            spi.Frame(0x68, AllOnesResults());
            spi.Frame(0x68, new byte[]
            {
                0x00,
                0x31, 0x2D, 0x20, 0x00, 0x00, 0x01,   // STOP1: index 0x312D20 = 3 222 816, stop 1
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            });
            spi.Frame(0x68, AllOnesResults());
            FixedClock clock = new FixedClock();
            Gpx2TimeTagger tagger = new Gpx2TimeTagger(spi, null, clock, settings);
            tagger.Start();

            int first = tagger.ReadBatch(_times, _channels, 0, _times.Length);

            // 16 x 100 000 + 24 999 x 100 000 / 50 000 = 1 600 000 + 49 998 = 1 649 998 ps, channel 3.
            Assert.AreEqual(1, first);
            AssertRecord(0, 1649998L, 3);

            // 2 s of silence; the index wraps every 2^24 x 100 ns = 1.677 7216 s. The board clock predicts
            // 16 + 2 000 000 us x 10^6 / 100 000 ps = 20 000 016; the raw 3 222 816 nearest to it is
            // 2^24 + 3 222 816 = 20 000 032 (without the clock it would land one wrap early, at 3 222 816).
            clock.Advance(2000000);
            int second = tagger.ReadBatch(_times, _channels, 0, _times.Length);

            // 20 000 032 x 100 000 + 1 x 100 000 / 50 000 = 2 000 003 200 000 + 2 = 2 000 003 200 002 ps, channel 0.
            Assert.AreEqual(1, second);
            AssertRecord(0, 2000003200002L, 0);
            Assert.AreEqual(1L, tagger.Counters.Rollovers);
            Assert.AreEqual(2L, tagger.Counters.Delivered);
            Assert.AreEqual(2000L, settings.StopLsbFemtoseconds);
            Assert.AreEqual(0, spi.FramesLeft);
        }

        private static byte[] AllOnesResults()
        {
            byte[] frame = new byte[25];
            for (int i = 1; i < frame.Length; i++)
            {
                frame[i] = 0xFF;
            }

            return frame;
        }

        private void AssertRecord(int index, long expectedPicoseconds, byte expectedChannel)
        {
            Assert.AreEqual(expectedPicoseconds, _times[index], "timestamp of record " + index);
            Assert.AreEqual(expectedChannel, _channels[index], "channel of record " + index);
        }
    }
}

using System.Threading;
using GroundStation.Firmware.App;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// Hardware in the loop: the real TDC-GPX2 time tagger and detector gates on the bench (README.md "Bench wiring"),
    /// with the tagger built the way the firmware builds it from the board definition (BoardChips.CreateTagger).
    /// A pass proves the SPI wiring and mode, the chip, the driver's configuration and readout, the FIFO depth the
    /// driver assumes, and the gate/loop-back paths.
    /// </summary>
    [TestClass]
    [HardwareInTheLoop("needs the TDC-GPX2 bench: SPI tagger, gates, STOP4 loop-back jumper")]
    public class BenchHardwareTests
    {
        private const int MaxRecords = 256;

        private readonly long[] timestamps = new long[MaxRecords];
        private readonly byte[] channels = new byte[MaxRecords];
        private Gpx2TimeTagger tagger;

        [Setup]
        public void StartTagger()
        {
            BoardResources board = Bench.Board;
            for (int i = 0; i < board.DetectorGates.Length; i++)
            {
                board.DetectorGates[i].Write(false);
            }

            tagger = (Gpx2TimeTagger)BoardChips.CreateTagger(board);
            tagger.Start();
        }

        [TestMethod]
        public void Tagger_answers_and_holds_the_configuration_written()
        {
            // Start() already wrote and read back the 17 configuration bytes (DeviceAbsent otherwise); read them again.
            tagger.VerifyConfiguration();

            Assert.AreEqual(17, tagger.Configuration.Length);
            Assert.AreEqual(5, tagger.ChannelCount); // logical channels 0..4 whatever the stops carry
        }

        [TestMethod]
        public void Dark_counts_with_gates_closed_stay_below_the_bench_limit()
        {
            int count = Drain(1000);

            OutputHelper.WriteLine("records in 1 s with all gates closed: " + count);
            Assert.IsTrue(count <= 5, "more than 5 records with every detector gate closed: " + count);
        }

        [TestMethod]
        public void Loop_back_pulses_arrive_on_the_loop_back_channel_in_order()
        {
            const int Pulses = 50;
            Drain(50);
            IDigitalOutput pulse = Bench.Board.DetectorGates[Bench.LoopbackGate];
            for (int i = 0; i < Pulses; i++)
            {
                pulse.Write(true);
                Thread.Sleep(2);
                pulse.Write(false);
                Thread.Sleep(2);
            }

            int count = tagger.ReadBatch(timestamps, channels, 0, MaxRecords);
            int onLoop = 0;
            long previous = long.MinValue;
            for (int i = 0; i < count; i++)
            {
                if (channels[i] == Bench.LoopbackChannel)
                {
                    Assert.IsTrue(timestamps[i] > previous, "loop-back timestamps must increase");
                    previous = timestamps[i];
                    onLoop++;
                }
            }

            Assert.AreEqual(Pulses, onLoop);
        }

        [TestMethod]
        public void The_stop_fifo_holds_as_many_results_as_the_driver_assumes()
        {
            // More pulses than the FIFO holds, none read in between: the chip keeps the first FifoDepth (16 with
            // HIGH_RESOLUTION off, README "Facts relied on") and the driver sees one full FIFO.
            Drain(50);
            int depth = Gpx2Registers.FifoDepth(0);
            IDigitalOutput pulse = Bench.Board.DetectorGates[Bench.LoopbackGate];
            for (int i = 0; i < depth + 4; i++)
            {
                pulse.Write(true);
                Thread.Sleep(2);
                pulse.Write(false);
                Thread.Sleep(2);
            }

            int count = tagger.ReadBatch(timestamps, channels, 0, MaxRecords);
            int onLoop = 0;
            for (int i = 0; i < count; i++)
            {
                if (channels[i] == Bench.LoopbackChannel)
                {
                    onLoop++;
                }
            }

            Assert.AreEqual(depth, onLoop);
            Assert.IsTrue(tagger.FifoFullObservations >= 1, "a full FIFO must be reported");
        }

        [Cleanup]
        public void CloseGates()
        {
            BoardResources board = Bench.Board;
            for (int i = 0; i < board.DetectorGates.Length; i++)
            {
                board.DetectorGates[i].Write(false);
            }
        }

        private int Drain(int milliseconds)
        {
            int total = 0;
            for (int elapsed = 0; elapsed < milliseconds; elapsed += 10)
            {
                total += tagger.ReadBatch(timestamps, channels, 0, MaxRecords);
                Thread.Sleep(10);
            }

            return total;
        }
    }
}

using System.Threading;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// Hardware in the loop: the real TDC-GPX2 time tagger and detector gates on the bench (README.md "Bench wiring").
    /// A pass proves the SPI wiring, the chip, the driver's configuration and readout, and the gate/loop-back paths.
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

            tagger = new Gpx2TimeTagger(board.Tagger, board.TaggerInterrupt, board.Clock, new Gpx2Settings());
            tagger.Start();
        }

        [TestMethod]
        public void Tagger_answers_and_holds_the_configuration_written()
        {
            // Start() already wrote and read back the 17 configuration bytes (DeviceAbsent otherwise); read them again.
            tagger.VerifyConfiguration();

            Assert.AreEqual(17, tagger.Configuration.Length);
            Assert.AreEqual(4, tagger.ChannelCount);
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
                if (channels[i] == Bench.LoopbackStop)
                {
                    Assert.IsTrue(timestamps[i] > previous, "loop-back timestamps must increase");
                    previous = timestamps[i];
                    onLoop++;
                }
            }

            Assert.AreEqual(Pulses, onLoop);
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

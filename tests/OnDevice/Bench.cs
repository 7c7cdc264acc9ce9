using GroundStation.Hal;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// The bench prototype the hardware-in-the-loop tests drive: an ESP32-DevKitC with a TDC-GPX2 on its tagger chip
    /// select, the board definition <c>PinMap.Create(TaggerKind.TdcGpx2)</c> of boards/esp32-devkitc (the firmware
    /// image built from the same definition drives the same chip), plus the loop-back jumper described in README.md
    /// ("Bench wiring"). Built on first use, on the device only.
    /// </summary>
    public static class Bench
    {
        /// <summary>Detector gate output whose pin is jumpered to the tagger's STOP4 input.</summary>
        public const int LoopbackGate = 3;

        /// <summary>Stop input of the tagger that the loop-back jumper drives (STOP4).</summary>
        public const int LoopbackStop = 3;

        /// <summary>The logical channel the board's wiring gives the loop-back stop (STOP4 carries the beacon: 4).</summary>
        public static byte LoopbackChannel
        {
            get { return Board.Wiring.TaggerStopChannels[LoopbackStop]; }
        }

        private static BoardResources board;

        public static BoardResources Board
        {
            get
            {
                if (board == null)
                {
                    board = Open();
                }

                return board;
            }
        }

        private static BoardResources Open()
        {
#if NANOFRAMEWORK_1_0
            return GroundStation.Boards.Esp32.Esp32BoardBuilder.Build(
                GroundStation.Boards.Esp32DevKitC.PinMap.Create(TaggerKind.TdcGpx2), BufferBudget.SmallHeap(), IgnoreWatchdog);
#else
            throw new System.NotSupportedException("the bench board exists only on the ESP32: run tests/OnDevice on the device");
#endif
        }

#if NANOFRAMEWORK_1_0
        private static void IgnoreWatchdog()
        {
            // The tests never start the firmware's watchdog feeding loop; a bite would only abort the run.
        }
#endif
    }
}

using GroundStation.Boards.Esp32;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32Wrover
{
    /// <summary>Device entry point: this board's pin map and memory budget; the rest is Esp32Firmware.</summary>
    public static class Program
    {
        public static void Main()
        {
            // ESP32-WROVER (4 MB PSRAM): the PSRAM budget.
            Esp32Firmware.Run(PinMap.Create(), BufferBudget.PsramHeap());
        }
    }
}

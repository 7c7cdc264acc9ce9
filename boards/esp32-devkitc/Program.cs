using GroundStation.Boards.Esp32;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32DevKitC
{
    /// <summary>Device entry point: this board's pin map and memory budget; the rest is Esp32Firmware.</summary>
    public static class Program
    {
        public static void Main()
        {
            // ESP32-WROOM (no PSRAM): the small heap budget (~64 KB of managed heap for buffers).
            Esp32Firmware.Run(PinMap.Create(), BufferBudget.SmallHeap());
        }
    }
}

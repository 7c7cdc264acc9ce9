using System;
using System.Threading;
using GroundStation.Boards.Esp32;
using GroundStation.Firmware.App;
using GroundStation.Hal;
using nanoFramework.Runtime.Native;

namespace GroundStation.Boards.Esp32Wrover
{
    /// <summary>
    /// Device entry point: builds this board's resources from its pin map (validated before any pin is touched) and
    /// hands them to the firmware application, which never returns.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            BoardResources board;
            try
            {
                board = Esp32BoardBuilder.Build(PinMap.Create(), BufferBudget.PsramHeap(), RebootOnWatchdog);
            }
            catch (HalException e)
            {
                // A bad pin map or missing hardware: say why on the debug console and stop here. Rebooting would
                // only repeat the failure; every detector gate that was opened is already low.
                Console.WriteLine("board start-up failed: " + e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            new FirmwareApp(board).Run();
        }

        private static void RebootOnWatchdog()
        {
            Power.RebootDevice();
        }
    }
}

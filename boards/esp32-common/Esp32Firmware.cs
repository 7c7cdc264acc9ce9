using System;
using System.Threading;
using GroundStation.Firmware.App;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Start-up shared by every ESP32 board: build the board's resources from its pin map (validated before any pin is
    /// touched) and hand them to the firmware application, which never returns. A board's Program.cs only says which
    /// pin map and which memory budget it has.
    /// </summary>
    public static class Esp32Firmware
    {
        public static void Run(Esp32PinMap pinMap, BufferBudget buffers)
        {
            BoardResources board;
            try
            {
                board = Esp32BoardBuilder.Build(pinMap, buffers, RebootOnWatchdog);
            }
            catch (HalException e)
            {
                // A bad pin map or missing hardware: say why on the debug console and stop here. Rebooting would
                // only repeat the failure; every detector gate that was opened is already low.
                Console.WriteLine("board start-up failed: " + e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            // The custom image's acquisition task where the image has it (a start-up probe); the managed core otherwise.
            FirmwareApp app = new FirmwareApp(board, null, new NativeAcquisitionBinding(), NativeAcquisitionBinding.WiringFor(pinMap));
            app.FreeMemory = FreeManagedHeapBytes;
            app.Run();
        }

        private static long FreeManagedHeapBytes()
        {
#if NANOFRAMEWORK_1_0
            return nanoFramework.Runtime.Native.GC.Run(false);
#else
            return -1;
#endif
        }

        private static void RebootOnWatchdog()
        {
#if NANOFRAMEWORK_1_0
            nanoFramework.Runtime.Native.Power.RebootDevice();
#else
            // The desktop build of these adapters (boards/linux) has no board to reboot: the exception ends the
            // process (it is raised on the watchdog's timer thread), so a supervisor restarts it.
            throw new InvalidOperationException("watchdog: the firmware loop stopped feeding");
#endif
        }
    }
}

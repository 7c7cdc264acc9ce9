using System;
using GroundStation.Hal;
#if NANOFRAMEWORK_1_0
using nanoFramework.Hardware.Esp32;
#endif

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Microseconds since boot. On the ESP32 this is HighResTimer.GetCurrent() (esp_timer, 1 us). Elsewhere
    /// (the desktop compile of this file) it falls back to Environment.TickCount64, whose step is 1 ms at best
    /// (10 ms on a nanoFramework target with the default 100 Hz FreeRTOS tick), and says so in
    /// <see cref="ResolutionMicroseconds"/>.
    /// </summary>
    public sealed class Esp32Clock : IMonotonicClock
    {
        public long NowMicroseconds
        {
            get
            {
#if NANOFRAMEWORK_1_0
                return (long)HighResTimer.GetCurrent();
#else
                return Environment.TickCount64 * 1000;
#endif
            }
        }

        public int ResolutionMicroseconds
        {
            get
            {
#if NANOFRAMEWORK_1_0
                return 1;
#else
                return 1000;
#endif
            }
        }
    }
}

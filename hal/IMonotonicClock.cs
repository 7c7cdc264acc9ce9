namespace GroundStation.Hal
{
    /// <summary>
    /// Time since boot that never goes backwards. On the ESP32 this is HighResTimer (1 us); where only
    /// Environment.TickCount64 exists it ticks in 10 ms steps, which <see cref="ResolutionMicroseconds"/> states.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMicroseconds { get; }

        /// <summary>The step of <see cref="NowMicroseconds"/> on this board.</summary>
        int ResolutionMicroseconds { get; }
    }
}

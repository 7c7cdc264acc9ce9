namespace GroundStation.Hal
{
    /// <summary>The hardware watchdog: if <see cref="Feed"/> is not called within the timeout, the board resets.</summary>
    public interface IWatchdog
    {
        void Start(int timeoutMilliseconds);

        void Feed();

        /// <summary>True when the last reset was caused by this watchdog.</summary>
        bool LastResetWasWatchdog { get; }
    }
}

using GroundStation.Hal;

namespace GroundStation.OnDeviceTests
{
    /// <summary>An <see cref="IMonotonicClock"/> that only moves when the test says so.</summary>
    public sealed class FixedClock : IMonotonicClock
    {
        // Explicit: NanoGuard does not recognise the compiler-generated constructor of a device-source class.
        public FixedClock()
        {
        }

        public long NowMicroseconds { get; set; }

        public int ResolutionMicroseconds
        {
            get { return 1; }
        }

        public void Advance(long microseconds)
        {
            NowMicroseconds += microseconds;
        }
    }
}

using GroundStation.Hal;

namespace GroundStation.OnDeviceTests
{
    /// <summary>An <see cref="IMonotonicClock"/> that only moves when the test says so.</summary>
    public sealed class FixedClock : IMonotonicClock
    {
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

using System.Threading;

namespace GroundStation.Hal
{
    /// <summary>
    /// One counter per <see cref="HalFault"/>, shared by every adapter of a board so telemetry can report them.
    /// Counting is thread-safe (int Interlocked, which the device runtime has) and allocation-free.
    /// </summary>
    public sealed class HalFaultCounters
    {
        /// <summary>Number of <see cref="HalFault"/> values (highest value + 1); telemetry sends this many counters.</summary>
        public const int KindCount = 9;

        private readonly int[] _counts = new int[KindCount];

        /// <summary>Counts one occurrence of <paramref name="fault"/>.</summary>
        public void Increment(HalFault fault)
        {
            Interlocked.Increment(ref _counts[IndexOf(fault)]);
        }

        /// <summary>How many times <paramref name="fault"/> occurred since start-up.</summary>
        public int Get(HalFault fault)
        {
            return _counts[IndexOf(fault)];
        }

        /// <summary>Sum over every kind except <see cref="HalFault.None"/>.</summary>
        public int Total
        {
            get
            {
                int sum = 0;
                for (int i = 1; i < KindCount; i++)
                {
                    sum += _counts[i];
                }

                return sum;
            }
        }

        /// <summary>Copies the counters, indexed by the fault's number, into <paramref name="destination"/> (length ≥ <see cref="KindCount"/>).</summary>
        public void CopyTo(int[] destination)
        {
            for (int i = 0; i < KindCount; i++)
            {
                destination[i] = _counts[i];
            }
        }

        /// <summary>
        /// Counts the fault and returns the exception to throw, so a fault site reads
        /// <c>throw faults.Raise(HalFault.DeviceAbsent, Name, "reads all 0xFF")</c> and can never forget the count.
        /// </summary>
        public HalException Raise(HalFault fault, string device, string message)
        {
            Increment(fault);
            return new HalException(fault, device, message);
        }

        private static int IndexOf(HalFault fault)
        {
            int index = (int)fault;
            // An unknown number (newer firmware talking to older telemetry) is folded into None rather than thrown:
            // the counter set must never itself become a fault.
            return index > 0 && index < KindCount ? index : 0;
        }
    }
}

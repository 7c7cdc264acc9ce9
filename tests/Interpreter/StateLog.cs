using GroundStation.Firmware.Timing;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>The timing engine's state changes in order, with the ground time of the event that caused each.</summary>
    public sealed class StateLog
    {
        private readonly TimingState[] _states;
        private readonly long[] _groundPs;
        private TimingState _last = TimingState.Searching;

        public StateLog(int capacity)
        {
            _states = new TimingState[capacity];
            _groundPs = new long[capacity];
        }

        /// <summary>Changes seen (the log keeps the first Capacity of them).</summary>
        public int Count;

        public TimingState StateAt(int index)
        {
            return _states[index];
        }

        public long GroundPsAt(int index)
        {
            return _groundPs[index];
        }

        public int Kept
        {
            get { return Count < _states.Length ? Count : _states.Length; }
        }

        public void Observe(TimingState state, long groundPs)
        {
            if (state == _last)
            {
                return;
            }

            _last = state;
            if (Count < _states.Length)
            {
                _states[Count] = state;
                _groundPs[Count] = groundPs;
            }

            Count++;
        }

        /// <summary>The state's name (an enum's ToString is its number on nanoFramework).</summary>
        public static string Name(TimingState state)
        {
            switch (state)
            {
                case TimingState.Searching: return "Searching";
                case TimingState.Acquiring: return "Acquiring";
                case TimingState.Locked: return "Locked";
                default: return "Holdover";
            }
        }
    }
}

namespace GroundStation.Protocol.Console
{
    /// <summary>
    /// The SCPI error queue: oldest first, bounded. When it is full the newest entry is replaced by -350
    /// "Queue overflow" (SCPI-1999 21.8), so the technician learns errors were lost.
    /// </summary>
    public sealed class ErrorQueue
    {
        public const int Capacity = 16;

        private readonly int[] _codes = new int[Capacity];
        private readonly string[] _details = new string[Capacity];
        private int _head;
        private int _count;

        public int Count
        {
            get { return _count; }
        }

        public void Push(int code, string detail)
        {
            if (_count == Capacity)
            {
                int last = (_head + Capacity - 1) % Capacity;
                _codes[last] = ScpiError.QueueOverflow;
                _details[last] = null;
                return;
            }

            int slot = (_head + _count) % Capacity;
            _codes[slot] = code;
            _details[slot] = detail;
            _count++;
        }

        /// <summary>Removes the oldest error and returns it formatted; <c>0,"No error"</c> when empty.</summary>
        public string Pop()
        {
            if (_count == 0)
            {
                return ScpiError.Format(ScpiError.None, null);
            }

            string text = ScpiError.Format(_codes[_head], _details[_head]);
            _details[_head] = null;
            _head = (_head + 1) % Capacity;
            _count--;
            return text;
        }

        public void Clear()
        {
            while (_count > 0)
            {
                Pop();
            }
        }
    }
}

namespace GroundStation.Firmware.Drivers
{
    /// <summary>
    /// Extends a free-running N-bit hardware counter into a 64-bit count. Among the values congruent to the raw
    /// reading modulo 2^N it picks the one nearest a reference (normally the last extended value, optionally advanced
    /// by a prediction), so the answer is right while the true value lies within 2^(N-1) of the reference. Late
    /// readings (slightly older than the last one) therefore land in the right epoch too. Allocation-free; shared by
    /// every tagger driver so the roll-over rule exists once.
    /// </summary>
    public sealed class RolloverExtender
    {
        private readonly long _modulus;
        private readonly long _mask;
        private readonly long _half;
        private readonly int _bits;
        private long _last;
        private bool _hasLast;

        public RolloverExtender(int bits)
        {
            if (bits < 2 || bits > 62)
            {
                throw new System.ArgumentOutOfRangeException("bits");
            }

            _bits = bits;
            _modulus = 1L << bits;
            _mask = _modulus - 1;
            _half = _modulus >> 1;
        }

        /// <summary>The largest extended value produced so far (0 before the first).</summary>
        public long Last
        {
            get { return _last; }
        }

        /// <summary>True once a value has been extended since construction or <see cref="Reset"/>.</summary>
        public bool HasValue
        {
            get { return _hasLast; }
        }

        /// <summary>Epoch boundaries (multiples of 2^N) crossed upward by <see cref="Last"/>.</summary>
        public long Rollovers { get; private set; }

        /// <summary>Extends <paramref name="raw"/> relative to the last extended value.</summary>
        public long Extend(long raw)
        {
            return ExtendNear(raw, _last);
        }

        /// <summary>Extends <paramref name="raw"/> to the congruent value nearest <paramref name="reference"/>.</summary>
        public long ExtendNear(long raw, long reference)
        {
            raw &= _mask;
            long value;
            if (!_hasLast && reference <= 0)
            {
                // First reading after start: it defines epoch 0.
                value = raw;
            }
            else
            {
                value = (reference & ~_mask) | raw;
                long diff = value - reference;
                if (diff > _half)
                {
                    value -= _modulus;
                }
                else if (diff < -_half)
                {
                    value += _modulus;
                }

                if (value < 0)
                {
                    value += _modulus;
                }
            }

            if (!_hasLast)
            {
                _hasLast = true;
                _last = value;
            }
            else if (value > _last)
            {
                Rollovers += (value >> _bits) - (_last >> _bits);
                _last = value;
            }

            return value;
        }

        /// <summary>Forgets the history: the next reading starts epoch 0 again.</summary>
        public void Reset()
        {
            _last = 0;
            _hasLast = false;
        }
    }
}

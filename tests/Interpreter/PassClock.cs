namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// The truth of the scenario's clocks: when a slot sent by the satellite arrives on the ground tagger's clock.
    /// With u = (slot - StartSlot) x slot width (satellite ps since the start),
    ///   t(slot) = GroundStartPs + u + RateOffsetPpb x u / 10^9 + RateChangePpbPerSecond x u^2 / (2 x 10^21)
    /// i.e. a constant offset (light time, clock offset), a rate (Doppler, oscillators, relativity) and a rate change
    /// (the pass geometry). Integers only, so both targets compute the same picosecond; the quadratic term uses u in
    /// whole microseconds (a step of at most ~1 ps at 400 ppb/s after 3 s, part of the truth like any other).
    /// </summary>
    public sealed class PassClock
    {
        /// <summary>The scenarios run the timing engine's default source: 100 MHz, 10 000 ps slots.</summary>
        public const long PulseRateHz = 100000000;

        public const long SlotPs = 1000000000000L / PulseRateHz;

        public const long SlotsPerMs = PulseRateHz / 1000;

        private readonly long _startSlot;
        private readonly long _groundStartPs;
        private readonly long _ratePpb;
        private readonly long _rateChangePpbPerSecond;

        public PassClock(ScenarioParameters p)
        {
            _startSlot = p.StartSlot;
            _groundStartPs = p.GroundStartPs;
            _ratePpb = p.RateOffsetPpb;
            _rateChangePpbPerSecond = p.RateChangePpbPerSecond;
        }

        public long StartSlot
        {
            get { return _startSlot; }
        }

        public long GroundStartPs
        {
            get { return _groundStartPs; }
        }

        /// <summary>Ground time (ps) at which <paramref name="slot"/> arrives (valid for streams up to ~100 s).</summary>
        public long GroundTimePs(long slot)
        {
            long u = (slot - _startSlot) * SlotPs;
            long linear = ((u / 1000000) * _ratePpb / 1000) + ((u % 1000000) * _ratePpb / 1000000000);
            long us = u / 1000000;
            long quadratic = _rateChangePpbPerSecond * us * us / 2000000000;
            return _groundStartPs + u + linear + quadratic;
        }

        /// <summary>Satellite milliseconds since the start at which <paramref name="slot"/> is sent.</summary>
        public long MillisecondsSinceStart(long slot)
        {
            return (slot - _startSlot) / SlotsPerMs;
        }

        /// <summary>Ground microseconds since the first slot's arrival (for printing event times).</summary>
        public long GroundMicroseconds(long groundPs)
        {
            return (groundPs - _groundStartPs) / 1000000;
        }
    }
}

namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Ground tagger time t (ps) -> satellite slot position x(t), second order around an anchor:
    ///   x(t) = AnchorSlot + AnchorFraction/2^24 + u*F + u^2*G/2,  u = t - AnchorGroundPs
    /// F = slots per ground picosecond (Q64), G = change of F per 2^40 ps (in F's Q64 units).
    /// A third-order tracking loop (all three poles at -1/tau, tau = 2^L ps) corrects x, F and G from each
    /// beacon residual, weighted by the time since the previous one. Integer only; see README.md for the ranges.
    /// </summary>
    public class ClockModel
    {
        /// <summary>Fraction bits of slot positions and residuals (Q24: 2^-24 slot = 0.0006 ps at 100 MHz).</summary>
        public const int FractionBits = 24;

        public const long One = 1L << FractionBits;

        /// <summary>Half a slot (Q24), the rounding offset of the nearest slot.</summary>
        internal const long HalfSlot = One >> 1;

        private const long FractionMask = One - 1;
        private const long Half = HalfSlot;
        private const long MaxTrackErrorQ24 = 1L << 36;

        // Fast exact evaluation of the phase (README "Per-event arithmetic"): 0 <= u < 2^36, |G| < 2^60, 0 <= m < 2^61.
        internal const long Low31 = 0x7FFFFFFFL;
        private const long Low32 = 0xFFFFFFFFL;
        internal const long High32 = ~0xFFFFFFFFL;
        internal const long Int31Limit = 1L << 31;
        private const long FastSpanMask = ~((1L << 36) - 1);
        private const long FastRateChangeLimit = 1L << 29;
        private const long FastRateChangeMask = ~((1L << 30) - 1);
        internal const long FastMidRateMask = ~((1L << 61) - 1);

        /// <summary>Ground time of the anchor (ps).</summary>
        public long AnchorGroundPs;

        /// <summary>Whole slot at the anchor.</summary>
        public long AnchorSlot;

        /// <summary>Fraction of a slot at the anchor, Q24, in [0, 2^24).</summary>
        public long AnchorFraction;

        /// <summary>Slots per ground picosecond, Q64 (100 MHz: 1.8e15).</summary>
        public long SlotsPerPsQ64;

        /// <summary>Change of <see cref="SlotsPerPsQ64"/> per 2^40 ps (1.0995 s).</summary>
        public long RateChangePer2p40Ps;

        /// <summary>
        /// Nearest slot and the signed distance to it (Q24, [-0.5, 0.5) slot; positive = t is late).
        /// Valid while |t - anchor| * F &lt; 2^38 slots. The phase advance is
        /// floor(u * (F + floor(G * u / 2^41)) / 2^40) for u = t - anchor, evaluated exactly (README "Per-event
        /// arithmetic"): with 3 multiplies for 0 &lt;= u &lt; 2^32 and |G| &lt;= 2^31, with 32/31-bit partial products
        /// that fit a long for 0 &lt;= u &lt; 2^36 (4 multiplies, 2 when u &lt; 2^32), otherwise with two
        /// <see cref="FixedPoint.MulShift"/> (same value, 128-bit intermediate).
        /// </summary>
        public long NearestSlot(long t, out long residualQ24)
        {
            long u = t - AnchorGroundPs;
            long g = RateChangePer2p40Ps;
            long x;
            if (((u & High32) | ((g + Int31Limit) & High32)) == 0)
            {
                // PhaseAdvance's first case, inline on the per-event path.
                long m = SlotsPerPsQ64 + ((g * u) >> 41);
                x = (m & FastMidRateMask) == 0
                    ? AnchorFraction + (((u * (m >> 31)) + ((u * (m & Low31)) >> 31)) >> 9)
                    : AnchorFraction + FixedPoint.MulShift(u, m, 40);
            }
            else
            {
                x = AnchorFraction + PhaseAdvance(u);
            }

            long whole = (x + Half) >> FractionBits;
            residualQ24 = x - (whole << FractionBits);
            return AnchorSlot + whole;
        }

        /// <summary>
        /// floor(u * (F + floor(G * u / 2^41)) / 2^40), the phase advance (Q24) over u ps from the anchor, exactly:
        /// 3 multiplies for 0 &lt;= u &lt; 2^32 and |G| &lt;= 2^31; 32/31-bit partial products that fit a long for
        /// 0 &lt;= u &lt; 2^36 and |G| &lt; 2^60 (4 multiplies, 2 when u &lt; 2^32); else two MulShift. Each case
        /// needs the mid rate m = F + floor(G * u / 2^41) in [0, 2^61) (else MulShift for the second product).
        /// </summary>
        private long PhaseAdvance(long u)
        {
            long g = RateChangePer2p40Ps;
            long m;
            if (((u & High32) | ((g + Int31Limit) & High32)) == 0)
            {
                m = SlotsPerPsQ64 + ((g * u) >> 41);
                return (m & FastMidRateMask) == 0
                    ? ((u * (m >> 31)) + ((u * (m & Low31)) >> 31)) >> 9
                    : FixedPoint.MulShift(u, m, 40);
            }

            long gh = g >> 31;
            if ((u & FastSpanMask) != 0 || ((gh + FastRateChangeLimit) & FastRateChangeMask) != 0)
            {
                return FixedPoint.MulShift(u, SlotsPerPsQ64 + FixedPoint.MulShift(g, u, 41), 40);
            }

            long gl = g & Low31;
            long ul = u & Low32;
            long uh = u >> 32;
            m = uh == 0
                ? SlotsPerPsQ64 + (((gh * ul) + ((gl * ul) >> 31)) >> 10)
                : SlotsPerPsQ64 + ((gh * uh) << 22) + (((gh * ul) + ((gl * uh) << 1) + ((gl * ul) >> 31)) >> 10);
            if ((m & FastMidRateMask) != 0)
            {
                return FixedPoint.MulShift(u, m, 40);
            }

            long mh = m >> 31;
            long ml = m & Low31;
            return uh == 0
                ? ((ul * mh) + ((ul * ml) >> 31)) >> 9
                : ((uh * mh) << 23) + ((((uh * ml) << 1) + (ul * mh) + ((ul * ml) >> 31)) >> 9);
        }

        /// <summary>
        /// Whole slot (floor) at t for long extrapolations (a stale model minutes later): valid while
        /// |t - anchor| &lt; 2^56 ps and the slot count fits in 2^62.
        /// </summary>
        public long WholeSlotFar(long t)
        {
            long u = t - AnchorGroundPs;
            long midRate = SlotsPerPsQ64 + FixedPoint.MulShift(RateChangePer2p40Ps, u, 41);
            return AnchorSlot + FixedPoint.MulShift(u, midRate, 64);
        }

        /// <summary>Starts a model: slot position <paramref name="positionQ24"/> (may be negative) at ground time t.</summary>
        public void Reset(long t, long positionQ24, long slotsPerPsQ64)
        {
            AnchorGroundPs = t;
            AnchorSlot = FixedPoint.FloorDiv(positionQ24, One);
            AnchorFraction = positionQ24 - (AnchorSlot << FractionBits);
            SlotsPerPsQ64 = slotsPerPsQ64;
            RateChangePer2p40Ps = 0;
        }

        /// <summary>Moves the anchor to t along the current model (x, F follow; G is constant).</summary>
        public void Propagate(long t)
        {
            long u = t - AnchorGroundPs;
            AnchorFraction += PhaseAdvance(u);
            SlotsPerPsQ64 += FixedPoint.MulShift(RateChangePer2p40Ps, u, 40);
            AnchorGroundPs = t;
            Normalize();
        }

        /// <summary>
        /// One loop step at a beacon arrival t: propagate, then correct by the error
        /// <paramref name="errorQ24"/> (wanted minus predicted slot position, Q24).
        /// Gains for a sample that stands for D = min(t - previous anchor, tau/6) ps of time:
        /// x += 3D/tau * e, F += 3D/tau^2 * e, G += D/tau^3 * e  (loop polynomial (s + 1/tau)^3).
        /// </summary>
        public void Track(long t, long errorQ24, int loopLog2Ps)
        {
            // Bound the error to 4096 slots so every product below stays in range (README "ranges"); gates are far
            // tighter in operation, this only matters for a diverging model, which loss detection then drops.
            if (errorQ24 > MaxTrackErrorQ24)
            {
                errorQ24 = MaxTrackErrorQ24;
            }
            else if (errorQ24 < -MaxTrackErrorQ24)
            {
                errorQ24 = -MaxTrackErrorQ24;
            }

            long d = t - AnchorGroundPs;
            Propagate(t);
            long dMax = (1L << loopLog2Ps) / 6;
            if (d > dMax)
            {
                d = dMax;
            }

            if (d <= 0)
            {
                return;
            }

            AnchorFraction += FixedPoint.MulShift(errorQ24, 3 * d, loopLog2Ps);
            SlotsPerPsQ64 += FixedPoint.MulShift(errorQ24, 3 * d, 2 * loopLog2Ps - 40);
            RateChangePer2p40Ps += FixedPoint.MulShift(errorQ24, d, 3 * loopLog2Ps - 80);
            Normalize();
        }

        /// <summary>Phase-only correction (re-lock after holdover, first beacon of an acquisition).</summary>
        public void Jump(long t, long errorQ24)
        {
            Propagate(t);
            AnchorFraction += errorQ24;
            Normalize();
        }

        /// <summary>Renumbers the slots (beacon index found): slot n becomes n + offset.</summary>
        public void ShiftSlots(long offset)
        {
            AnchorSlot += offset;
        }

        public void CopyFrom(ClockModel other)
        {
            AnchorGroundPs = other.AnchorGroundPs;
            AnchorSlot = other.AnchorSlot;
            AnchorFraction = other.AnchorFraction;
            SlotsPerPsQ64 = other.SlotsPerPsQ64;
            RateChangePer2p40Ps = other.RateChangePer2p40Ps;
        }

        private void Normalize()
        {
            AnchorSlot += AnchorFraction >> FractionBits;
            AnchorFraction &= FractionMask;
        }
    }
}

using System;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// A passive four-detector BB84 receiver: a beam splitter chooses the basis (Z with probability
    /// <see cref="ZBasisProbabilityPpm"/>: 50 % for standard BB84, more for efficient BB84), a polarising beam splitter
    /// per basis the bit. Maps each tagger channel to a detector role (basis * 2 + bit) or to nothing (beacon, spare).
    /// </summary>
    public sealed class ReceiverMap
    {
        /// <summary>Role of a channel that carries no key detector (beacon, unused).</summary>
        public const int NoRole = 0xFF;

        private readonly byte[] _roleByChannel = new byte[256];

        public ReceiverMap(int zBasisProbabilityPpm)
        {
            if (zBasisProbabilityPpm <= 0 || zBasisProbabilityPpm >= 1000000)
            {
                throw new ArgumentOutOfRangeException("zBasisProbabilityPpm");
            }

            ZBasisProbabilityPpm = zBasisProbabilityPpm;
            for (int i = 0; i < _roleByChannel.Length; i++)
            {
                _roleByChannel[i] = NoRole;
            }
        }

        /// <summary>Probability (ppm) that the receiver's splitter sends a photon to the Z-basis detectors.</summary>
        public int ZBasisProbabilityPpm { get; }

        /// <summary>
        /// The project's default wiring: channel 0 = H, 1 = V (basis Z, bit 0/1), 2 = D, 3 = A (basis X, bit 0/1);
        /// channel 4 (beacon) and every other channel carry no key.
        /// </summary>
        public static ReceiverMap Default(int zBasisProbabilityPpm)
        {
            var map = new ReceiverMap(zBasisProbabilityPpm);
            map.Assign(0, SiftCodes.BasisZ, 0);
            map.Assign(1, SiftCodes.BasisZ, 1);
            map.Assign(2, SiftCodes.BasisX, 0);
            map.Assign(3, SiftCodes.BasisX, 1);
            return map;
        }

        /// <summary>The default wiring with a balanced (50/50) splitter.</summary>
        public static ReceiverMap Default()
        {
            return Default(500000);
        }

        public void Assign(int channel, int basis, int bit)
        {
            if (channel < 0 || channel > 255 || basis < 0 || basis > 1 || bit < 0 || bit > 1)
            {
                throw new ArgumentOutOfRangeException("channel");
            }

            _roleByChannel[channel] = (byte)(basis * 2 + bit);
            Changes++;
        }

        public void Unassign(int channel)
        {
            _roleByChannel[channel] = NoRole;
            Changes++;
        }

        /// <summary>Assignments made so far: a copy of the roles elsewhere (the native announce path) is stale when this moved.</summary>
        internal int Changes { get; private set; }

        /// <summary>basis * 2 + bit of the detector on <paramref name="channel"/>, or <see cref="NoRole"/>.</summary>
        public int RoleOf(byte channel)
        {
            return _roleByChannel[channel];
        }

        /// <summary>Role per channel 0..255 (<see cref="NoRole"/> for none), read by the sifter's per-detection loop.</summary>
        internal byte[] RolesByChannel
        {
            get { return _roleByChannel; }
        }

        /// <summary>True when each of the four detector roles has at least one channel.</summary>
        public bool IsComplete
        {
            get
            {
                int seen = 0;
                for (int i = 0; i < _roleByChannel.Length; i++)
                {
                    if (_roleByChannel[i] != NoRole)
                    {
                        seen |= 1 << _roleByChannel[i];
                    }
                }

                return seen == 0xF;
            }
        }

        /// <summary>
        /// Fraction (ppm) of detections whose basis matches a sender that picks Z with
        /// <paramref name="senderZProbabilityPpm"/>: pZ_s * pZ_r + pX_s * pX_r (p_z^2 + p_x^2 when both sides agree).
        /// </summary>
        public int IdealMatchFractionPpm(int senderZProbabilityPpm)
        {
            long zs = senderZProbabilityPpm;
            long zr = ZBasisProbabilityPpm;
            return (int)((zs * zr + (1000000 - zs) * (1000000 - zr) + 500000) / 1000000);
        }
    }
}

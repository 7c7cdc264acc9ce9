using System;
using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// The ground station's half of BB84 sifting (README.md in this folder): detections in, squashed per slot,
    /// announced as (slot, basis), matched by the satellite side, packed into numbered blocks per intensity class,
    /// estimated on request and delivered to the host. All buffers are allocated here, once; the per-detection path
    /// (<see cref="Accept"/>) allocates nothing. Thread-safe: the timing engine calls Accept, the link thread calls
    /// Receive and Service.
    /// </summary>
    public sealed partial class GroundSifter
    {
        private readonly object _lock = new object();
        private readonly SiftingConfig _config;
        private readonly ReceiverMap _map;
        private readonly IRandomSource _random;
        private readonly ISiftingLink _link;
        private readonly byte[] _tx;

        // Slot being assembled (several detections may share a slot: multi-clicks).
        private bool _slotOpen;
        private long _slot = -1;
        private int _slotMask;
        private int _slotClicks;

        public GroundSifter(SiftingConfig config, IRandomSource random, ISiftingLink link)
        {
            if (config == null || random == null || link == null)
            {
                throw new ArgumentNullException("config");
            }

            config.Validate();
            _config = config;
            _map = config.Receiver;
            _random = random;
            _link = link;
            _tx = new byte[config.MaxPayloadBytes];
            Counters = new SiftingCounters();
            _batches = new AnnounceBatch[config.BatchCount];
            _batchRing = Reinterpret.AsUInt32(_batches.Length);
            for (int i = 0; i < _batches.Length; i++)
            {
                _batches[i] = new AnnounceBatch(config.BatchCapacity);
            }

            _blocks = new SiftBlock[config.BlockCount];
            _blockRing = Reinterpret.AsUInt32(_blocks.Length);
            for (int i = 0; i < _blocks.Length; i++)
            {
                _blocks[i] = new SiftBlock(config.BlockBitCapacity);
            }

            _blocks[0].Begin(0);
            _currentOpen = true;
        }

        public SiftingCounters Counters { get; }

        /// <summary>The intrusion alarm (also sent to the host as <see cref="MessageType.SiftAlarm"/>).</summary>
        public event SiftingAlarmHandler Alarm;

        /// <summary>
        /// Takes <paramref name="count"/> accepted detections from caller-owned arrays: absolute satellite pulse slot
        /// and tagger channel, ordered by slot (equal slots allowed). The last slot stays open until a later slot, a
        /// flush or <see cref="EndOfInput"/> arrives, because the next batch may hold more clicks of it.
        /// </summary>
        public void Accept(long[] slots, byte[] channels, int offset, int count)
        {
            lock (_lock)
            {
                int end = offset + count;
                for (int i = offset; i < end; i++)
                {
                    AcceptOne(slots[i], channels[i]);
                }
            }
        }

        /// <summary>No more detections for now (end of pass): finishes the open slot and announces the partial batch.</summary>
        public void EndOfInput()
        {
            lock (_lock)
            {
                FinishOpenSlot();
                CloseFillingBatch();
            }
        }

        /// <summary>
        /// End of pass: <see cref="EndOfInput"/>, then, once every announced batch is matched, the partial block
        /// closes (the host's <see cref="MessageType.SiftFlush"/> does the same).
        /// </summary>
        public void Flush()
        {
            lock (_lock)
            {
                FinishOpenSlot();
                CloseFillingBatch();
                _flushRequested = true;
            }
        }

        /// <summary>
        /// Sends what is due while the link accepts it: block notices, samples, results, keys, alarms, then
        /// announcements. Call it from the application loop (and after Receive).
        /// </summary>
        public void Service()
        {
            lock (_lock)
            {
                if (_flushRequested && _oldestBatch == _nextBatch)
                {
                    if (_currentOpen && CurrentBlock.Count > 0)
                    {
                        CloseBlock(CurrentBlock);
                    }

                    _flushRequested = false;
                }

                if (SendBlockMessages())
                {
                    SendAnnouncements();
                }
            }
        }

        /// <summary>
        /// Handles a sifting message from the host (match replies, estimation requests and references, flush).
        /// False when the payload is malformed or does not fit the current state; it is then counted and ignored.
        /// </summary>
        public bool Receive(MessageType type, byte[] payload, int offset, int count)
        {
            lock (_lock)
            {
                bool handled;
                switch (type)
                {
                    case MessageType.SiftMatch:
                        handled = OnMatch(payload, offset, count);
                        break;
                    case MessageType.SiftEstimateRequest:
                        handled = OnEstimateRequest(payload, offset, count);
                        break;
                    case MessageType.SiftEstimateReference:
                        handled = OnEstimateReference(payload, offset, count);
                        break;
                    case MessageType.SiftFlush:
                        handled = SiftFlushCodec.TryDecode(payload, offset, count);
                        if (handled)
                        {
                            FinishOpenSlot();
                            CloseFillingBatch();
                            _flushRequested = true;
                        }
                        else
                        {
                            Counters.MalformedPayloads++;
                        }

                        break;
                    default:
                        Counters.UnexpectedMessages++;
                        handled = false;
                        break;
                }

                return handled;
            }
        }

        private void AcceptOne(long slot, byte channel)
        {
            Counters.Clicks++;
            int role = _map.RoleOf(channel);
            if (role == ReceiverMap.NoRole)
            {
                Counters.IgnoredClicks++;
                return;
            }

            if (_slotOpen && slot == _slot)
            {
                int bit = 1 << role;
                if ((_slotMask & bit) != 0)
                {
                    Counters.DuplicateClicks++;
                }

                _slotMask |= bit;
                _slotClicks++;
                return;
            }

            if (slot <= _slot)
            {
                Counters.OutOfOrderClicks++;
                return;
            }

            FinishOpenSlot();
            _slotOpen = true;
            _slot = slot;
            _slotMask = 1 << role;
            _slotClicks = 1;
        }

        /// <summary>
        /// Squashing (README.md): one detector -> its (basis, bit); both detectors of one basis -> that basis, random
        /// bit; clicks in both bases -> random basis (with the splitter's probability) and random bit.
        /// </summary>
        private void FinishOpenSlot()
        {
            if (!_slotOpen)
            {
                return;
            }

            _slotOpen = false;
            int z = _slotMask & 3;
            int x = (_slotMask >> 2) & 3;
            int basis;
            int bit;
            if (z != 0 && x != 0)
            {
                Counters.CrossBasisMultiClicks++;
                basis = DrawBasis();
                bit = DrawBit();
            }
            else
            {
                basis = z != 0 ? SiftCodes.BasisZ : SiftCodes.BasisX;
                int pattern = z != 0 ? z : x;
                if (pattern == 3)
                {
                    Counters.SameBasisDoubleClicks++;
                    bit = DrawBit();
                }
                else
                {
                    Counters.SingleClickSlots++;
                    bit = pattern == 1 ? 0 : 1;
                }
            }

            AppendToBatch(_slot, basis, bit, _slotClicks);
        }

        private int DrawBit()
        {
            return (byte)(_random.NextUInt32() >> 31); // conv.u1: an int on nanoCLR too
        }

        private int DrawBasis()
        {
            ulong scaled = ((ulong)_random.NextUInt32() * 1000000UL) >> 32;
            return scaled < (ulong)_map.ZBasisProbabilityPpm ? SiftCodes.BasisZ : SiftCodes.BasisX;
        }

        /// <summary>Uniform in [0, n) by multiply-shift (bias below n / 2^32).</summary>
        private int DrawBelow(int n)
        {
            return (int)(((ulong)_random.NextUInt32() * (ulong)n) >> 32);
        }
    }
}

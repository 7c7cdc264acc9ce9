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
        private int _slotFirstRole;
        private int _slotClicks;
        private readonly byte[] _roles;
        private readonly int _blockBitCapacity;

        public GroundSifter(SiftingConfig config, IRandomSource random, ISiftingLink link)
        {
            if (config == null || random == null || link == null)
            {
                throw new ArgumentNullException("config");
            }

            config.Validate();
            _config = config;
            _map = config.Receiver;
            _roles = _map.RolesByChannel;
            _random = random;
            _link = link;
            _tx = new byte[config.MaxPayloadBytes];
            Counters = new SiftingCounters();
            _batches = new AnnounceBatch[config.BatchCount];
            _batchRing = Reinterpret.AsUInt32(_batches.Length);
            for (int i = 0; i < _batches.Length; i++)
            {
                _batches[i] = new AnnounceBatch(config.BatchCapacity, config.MaxPayloadBytes);
            }

            _blocks = new SiftBlock[config.BlockCount];
            _blockRing = Reinterpret.AsUInt32(_blocks.Length);
            for (int i = 0; i < _blocks.Length; i++)
            {
                _blocks[i] = new SiftBlock(config.BlockBitCapacity);
            }

            _disclosed = new byte[SiftWire.BitBytes(config.BlockBitCapacity)];
            _blocks[0].Begin(0);
            _openBlock = _blocks[0];
            _blockBitCapacity = config.BlockBitCapacity;
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
                if (_native != null)
                {
                    AcceptElsewhere(slots, channels, offset, count);
                    return;
                }

                // Per-detection path (README "Per-detection path"): the open slot and the batch being filled live in
                // locals during the loop. A detection whose successor is in a later slot clicked alone (the usual
                // case) and goes into the batch right here when its delta takes 1 or 2 bytes and surely fits; anything
                // else opens its slot and is finished when a later slot comes, through the general path when needed
                // (the batch's state stored back first and loaded again after).
                byte[] roles = _roles;
                bool open = _slotOpen;
                long openSlot = _slot;
                int mask = _slotMask;
                int firstRole = _slotFirstRole;
                int firstMask = 1 << firstRole;
                int clicks = _slotClicks;
                long singles = 0;

                AnnounceBatch batch = _fillingBatch;
                int capacity = _config.BatchCapacity;
                int n = 0;
                int used = 0;
                int room = 0; // detections that surely fit inline: delta <= 2 bytes each, under the count and byte limits
                long last = 0;
                byte[] deltas = null;
                byte[] batchRoles = null;
                byte[] basisBits = null;
                int loadedCount = 0;
                if (batch != null)
                {
                    n = batch.Count;
                    loadedCount = n;
                    used = batch.DeltaBytes;
                    room = SureRoom(n, capacity, used, batch.DeltaBytesSure);
                    last = batch.LastSlot;
                    deltas = batch.Deltas;
                    batchRoles = batch.Roles;
                    basisBits = batch.BasisBits;
                }

                int end = offset + count;
                for (int i = offset; i < end; i++)
                {
                    long slot = slots[i];
                    int role = roles[channels[i]];
                    if (role == ReceiverMap.NoRole)
                    {
                        Counters.IgnoredClicks++;
                        continue;
                    }

                    if (slot <= openSlot)
                    {
                        if (slot == openSlot && open)
                        {
                            int bit = 1 << role;
                            if ((mask & bit) != 0)
                            {
                                Counters.DuplicateClicks++;
                            }

                            mask |= bit;
                            clicks++;
                        }
                        else
                        {
                            Counters.OutOfOrderClicks++;
                        }

                        continue;
                    }

                    if (open)
                    {
                        // The slot left open (several clicks, or the last one of the previous call) is finished.
                        long openDelta = openSlot - last;
                        if (mask == firstMask && openDelta < 0x4000 && room > 0)
                        {
                            if (openDelta < 0x80)
                            {
                                deltas[used++] = (byte)openDelta;
                            }
                            else
                            {
                                deltas[used] = (byte)(openDelta | 0x80);
                                deltas[used + 1] = (byte)(openDelta >> 7);
                                used += 2;
                            }

                            batchRoles[n] = (byte)firstRole;
                            if (firstRole >= 2)
                            {
                                basisBits[n >> 3] |= (byte)(1 << (n & 7));
                            }

                            n++;
                            room--;
                            last = openSlot;
                        }
                        else
                        {
                            if (batch != null)
                            {
                                batch.Count = n;
                                batch.DeltaBytes = used;
                                batch.LastSlot = last;
                                singles += n - loadedCount;
                            }

                            if (mask == firstMask)
                            {
                                singles++;
                                Announce(openSlot, firstRole >> 1, firstRole & 1, clicks);
                            }
                            else
                            {
                                SquashMultiClick(openSlot, mask, clicks);
                            }

                            batch = _fillingBatch;
                            room = 0;
                            if (batch != null)
                            {
                                n = batch.Count;
                                loadedCount = n;
                                used = batch.DeltaBytes;
                                room = SureRoom(n, capacity, used, batch.DeltaBytesSure);
                                last = batch.LastSlot;
                                deltas = batch.Deltas;
                                batchRoles = batch.Roles;
                                basisBits = batch.BasisBits;
                            }
                        }

                        open = false;
                    }

                    // The usual case: the next detection read is in a later slot (input is ordered by slot), so this
                    // one clicked alone; it goes into the batch at once when its delta takes 1 or 2 bytes and surely
                    // fits. (The last detection of the call stays open: the next call may hold more clicks of its slot.)
                    openSlot = slot;
                    long delta = slot - last;
                    if (i + 1 < end && slots[i + 1] > slot && delta < 0x4000 && room > 0)
                    {
                        if (delta < 0x80)
                        {
                            deltas[used++] = (byte)delta;
                        }
                        else
                        {
                            deltas[used] = (byte)(delta | 0x80);
                            deltas[used + 1] = (byte)(delta >> 7);
                            used += 2;
                        }

                        batchRoles[n] = (byte)role;
                        if (role >= 2)
                        {
                            basisBits[n >> 3] |= (byte)(1 << (n & 7));
                        }

                        n++;
                        room--;
                        last = slot;
                        continue;
                    }

                    open = true;
                    firstMask = 1 << role;
                    mask = firstMask;
                    firstRole = role;
                    clicks = 1;
                }

                if (batch != null)
                {
                    batch.Count = n;
                    batch.DeltaBytes = used;
                    batch.LastSlot = last;
                    singles += n - loadedCount;
                }

                _slotOpen = open;
                _slot = openSlot;
                _slotMask = mask;
                _slotFirstRole = firstRole;
                _slotClicks = clicks;
                Counters.Clicks += count;
                if (singles != 0)
                {
                    Counters.SingleClickSlots += singles;
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
                    if (_openBlock != null && _openBlock.Count > 0)
                    {
                        CloseBlock(_openBlock);
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

        /// <summary>How many more detections the inline path may add: each takes at most 2 delta bytes.</summary>
        private static int SureRoom(int count, int capacity, int used, int sure)
        {
            int byBytes = (sure - used) >> 1;
            int byCount = capacity - count;
            int room = byBytes < byCount ? byBytes : byCount;
            return room > 0 ? room : 0;
        }

        /// <summary>Finishes the open slot (flush, end of input, a match reply's caller): announces it.</summary>
        private void FinishOpenSlot()
        {
            if (_native != null)
            {
                FinishOpenSlotElsewhere();
                return;
            }

            if (!_slotOpen)
            {
                return;
            }

            _slotOpen = false;
            if (_slotMask == 1 << _slotFirstRole)
            {
                Counters.SingleClickSlots++;
                Announce(_slot, _slotFirstRole >> 1, _slotFirstRole & 1, _slotClicks);
            }
            else
            {
                SquashMultiClick(_slot, _slotMask, _slotClicks);
            }
        }

        /// <summary>
        /// Squashing (README.md) of a slot where more than one detector clicked: both detectors of one basis -> that
        /// basis, random bit; clicks in both bases -> random basis (with the splitter's probability) and random bit.
        /// (One detector, possibly clicking twice, is announced as its own (basis, bit) by the caller.)
        /// </summary>
        private void SquashMultiClick(long slot, int mask, int clicks)
        {
            int z = mask & 3;
            int x = (mask >> 2) & 3;
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
                Counters.SameBasisDoubleClicks++;
                basis = z != 0 ? SiftCodes.BasisZ : SiftCodes.BasisX;
                bit = DrawBit();
            }

            Announce(slot, basis, bit, clicks);
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

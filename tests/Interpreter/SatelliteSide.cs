using GroundStation.Firmware.Sifting;
using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.InterpreterScenarios
{
    /// <summary>An announced slot as the satellite side judged it (for desktop tests that check against the truth).</summary>
    public delegate void AnnouncedSlotObserver(long slot, int groundBasis, int satelliteBasis, int intensityClass);

    /// <summary>A delivered key bit next to the satellite's bit of the same slot.</summary>
    public delegate void DeliveredBitObserver(long slot, int groundBit, int satelliteBit, int intensityClass);

    /// <summary>
    /// The other end of the ground sifter, in the device subset: the satellite (match replies from the per-slot truth,
    /// its own copy of every block, reference bits for estimation samples, the verdict) and the host (an estimation
    /// request for 1/8 of every closed block, the end-of-pass flush, and a check of every delivered block against the
    /// satellite's bits). Every payload goes through the protocol/Sifting codecs, as over the serial link. The
    /// satellite's record needs no storage (<see cref="SlotTruth"/>); its sifted bits are kept per block, preallocated.
    /// </summary>
    public sealed class SatelliteSide
    {
        private const int BlockFree = 0;
        private const int BlockClosed = 1;
        private const int BlockSampled = 2;
        private const int BlockAwaitingKey = 3;

        private readonly GroundSifter _ground;
        private readonly SlotTruth _truth;
        private readonly int _requestBits;

        private readonly long[] _slots;
        private readonly byte[] _bases;
        private readonly byte[] _matches;
        private readonly byte[] _classes;
        private readonly byte[] _reply;

        private readonly long[] _pendingSlot;
        private readonly byte[] _pendingBit;
        private readonly byte[] _pendingBasis;
        private readonly byte[] _pendingClass;
        private int _pendingFirst;
        private int _pendingCount;

        private readonly int[] _blockState;
        private readonly uint[] _blockNumber;
        private readonly int[] _blockCount;
        private readonly long[][] _blockSlot;
        private readonly byte[][] _blockBit;
        private readonly byte[][] _blockBasis;
        private readonly byte[][] _blockClass;
        private readonly byte[][] _blockRemoved;
        private readonly int[][] _ownSampled;
        private readonly int[][] _ownErrors;
        private readonly uint _blockRing;
        private readonly int[] _resultSampled = new int[SiftCodes.CellCount];
        private readonly int[] _resultErrors = new int[SiftCodes.CellCount];
        private readonly int[] _classCounts = new int[SiftCodes.ClassCount];
        private readonly int[] _keyStarts = new int[SiftCodes.ClassCount];
        private readonly int[] _basisStarts = new int[SiftCodes.ClassCount];
        private readonly int[] _positions;
        private readonly byte[] _sampleBits;
        private readonly byte[] _referenceBits;

        private uint _nextBatch;
        private uint _nextBlock;

        /// <summary>Payloads by message type (index = type - SiftAnnounce), both directions.</summary>
        public readonly PayloadDigest[] Digests = new PayloadDigest[10];

        /// <summary>
        /// <paramref name="ground"/> receives the replies and requests; null makes a shadow that does all the same work
        /// but sends nothing (the cost run subtracts the satellite/host side's instructions with one).
        /// </summary>
        public SatelliteSide(ScenarioParameters p, SiftingConfig config, GroundSifter ground)
        {
            _ground = ground;
            _truth = new SlotTruth(p.Seed, p.QberPpm, p.MultiClickPpm);
            _requestBits = config.BlockBitCapacity / 8;
            _slots = new long[config.BatchCapacity];
            _bases = new byte[config.BatchCapacity];
            _matches = new byte[config.BatchCapacity];
            _classes = new byte[config.BatchCapacity];
            _reply = new byte[config.MaxPayloadBytes];

            int pending = (config.BlockCount * config.BlockBitCapacity) + (config.BatchCount * config.BatchCapacity);
            _pendingSlot = new long[pending];
            _pendingBit = new byte[pending];
            _pendingBasis = new byte[pending];
            _pendingClass = new byte[pending];

            int blocks = config.BlockCount;
            int bits = config.BlockBitCapacity;
            _blockState = new int[blocks];
            _blockNumber = new uint[blocks];
            _blockCount = new int[blocks];
            _blockSlot = new long[blocks][];
            _blockBit = new byte[blocks][];
            _blockBasis = new byte[blocks][];
            _blockClass = new byte[blocks][];
            _blockRemoved = new byte[blocks][];
            _ownSampled = new int[blocks][];
            _ownErrors = new int[blocks][];
            _blockRing = Reinterpret.AsUInt32(blocks);
            for (int i = 0; i < blocks; i++)
            {
                _ownSampled[i] = new int[SiftCodes.CellCount];
                _ownErrors[i] = new int[SiftCodes.CellCount];
                _blockSlot[i] = new long[bits];
                _blockBit[i] = new byte[bits];
                _blockBasis[i] = new byte[bits];
                _blockClass[i] = new byte[bits];
                _blockRemoved[i] = new byte[bits];
            }

            _positions = new int[bits];
            _sampleBits = new byte[bits];
            _referenceBits = new byte[bits];
            for (int i = 0; i < Digests.Length; i++)
            {
                Digests[i] = new PayloadDigest();
            }
        }

        public AnnouncedSlotObserver OnAnnouncedSlot;

        public DeliveredBitObserver OnDeliveredBit;

        public long AnnouncedSlots;

        public long MatchedSlots;

        public long BlocksCut;

        public long BlocksAccepted;

        public long BlocksDiscarded;

        /// <summary>Disclosed sample bits and those that differed from the satellite's (counted by the satellite).</summary>
        public long SampledBits;

        public long SampleErrors;

        /// <summary>Verdicts whose per-cell counts differ from the satellite's own count (should stay 0).</summary>
        public long EstimateDisagreements;

        /// <summary>Key bits the host received, and those that differ from the satellite's bit of the same slot.</summary>
        public long DeliveredBits;

        public long KeyErrors;

        /// <summary>Delivered bits whose basis differs from the satellite's (should stay 0: only matches are sifted).</summary>
        public long BasisMismatches;

        public long AlarmsReceived;

        /// <summary>Payloads that failed to decode, or contradicted this side's state (both should stay 0).</summary>
        public long Malformed;

        public long Unexpected;

        /// <summary>Replies and requests the ground sifter refused (should stay 0).</summary>
        public long Refused;

        /// <summary>Handles one message of the ground station (satellite and host roles), replying through the sifter.</summary>
        public void Handle(MessageType type, byte[] payload, int length)
        {
            Digest(type, payload, length);
            switch (type)
            {
                case MessageType.SiftAnnounce:
                    OnAnnounce(payload, length);
                    break;
                case MessageType.SiftBlockClosed:
                    OnBlockClosed(payload, length);
                    break;
                case MessageType.SiftEstimateSample:
                    OnSample(payload, length);
                    break;
                case MessageType.SiftEstimateResult:
                    OnResult(payload, length);
                    break;
                case MessageType.SiftedBlock:
                    OnSiftedBlock(payload, length);
                    break;
                case MessageType.SiftAlarm:
                    AlarmsReceived++;
                    break;
                default:
                    Unexpected++;
                    break;
            }
        }

        /// <summary>The host's end of pass: SiftFlush to the ground station.</summary>
        public void SendFlush()
        {
            int length = SiftFlushCodec.Encode(_reply, 0);
            SendToGround(MessageType.SiftFlush, length);
        }

        private void OnAnnounce(byte[] payload, int length)
        {
            int replyLength = ComputeMatch(payload, length, out uint batch, out int count);
            if (replyLength < 0)
            {
                Malformed++;
                return;
            }

            if (batch != _nextBatch)
            {
                Unexpected++;
                return;
            }

            _nextBatch++;
            for (int i = 0; i < count; i++)
            {
                AnnouncedSlots++;
                if (OnAnnouncedSlot != null)
                {
                    _truth.Load(_slots[i]);
                    OnAnnouncedSlot(_slots[i], _bases[i], _truth.SatelliteBasis, _classes[i]);
                }

                if (_matches[i] != 0)
                {
                    MatchedSlots++;
                    AppendPending(_slots[i]);
                }
            }

            SendToGround(MessageType.SiftMatch, replyLength);
        }

        /// <summary>Decodes an announcement and encodes the reply into _reply.</summary>
        private int ComputeMatch(byte[] payload, int length, out uint batch, out int count)
        {
            if (!SiftAnnounceCodec.TryDecode(payload, 0, length, out batch, _slots, _bases, out count))
            {
                return -1;
            }

            for (int i = 0; i < count; i++)
            {
                _truth.Load(_slots[i]);
                _classes[i] = (byte)_truth.IntensityClass;
                _matches[i] = (byte)(_truth.SatelliteBasis == _bases[i] ? 1 : 0);
            }

            return SiftMatchCodec.Encode(_reply, 0, batch, _matches, _classes, count);
        }

        private void AppendPending(long slot)
        {
            if (_pendingCount == _pendingSlot.Length)
            {
                Unexpected++;
                return;
            }

            _truth.Load(slot);
            int i = (_pendingFirst + _pendingCount) % _pendingSlot.Length;
            _pendingSlot[i] = slot;
            _pendingBit[i] = (byte)_truth.SatelliteBit;
            _pendingBasis[i] = (byte)_truth.SatelliteBasis;
            _pendingClass[i] = (byte)_truth.IntensityClass;
            _pendingCount++;
        }

        private void OnBlockClosed(byte[] payload, int length)
        {
            if (!SiftBlockClosedCodec.TryDecode(payload, 0, length, out uint number, _classCounts))
            {
                Malformed++;
                return;
            }

            int total = _classCounts[0] + _classCounts[1] + _classCounts[2];
            int entry = Reinterpret.AsInt32(number % _blockRing);
            if (number != _nextBlock || total > _pendingCount || total > _blockSlot[entry].Length || _blockState[entry] != BlockFree)
            {
                Unexpected++;
                return;
            }

            for (int c = 0; c < SiftCodes.ClassCount; c++)
            {
                int n = 0;
                for (int j = 0; j < total; j++)
                {
                    if (_pendingClass[(_pendingFirst + j) % _pendingSlot.Length] == c)
                    {
                        n++;
                    }
                }

                if (n != _classCounts[c])
                {
                    Unexpected++;
                    return;
                }
            }

            for (int j = 0; j < total; j++)
            {
                int i = (_pendingFirst + j) % _pendingSlot.Length;
                _blockSlot[entry][j] = _pendingSlot[i];
                _blockBit[entry][j] = _pendingBit[i];
                _blockBasis[entry][j] = _pendingBasis[i];
                _blockClass[entry][j] = _pendingClass[i];
                _blockRemoved[entry][j] = 0;
            }

            _pendingFirst = (_pendingFirst + total) % _pendingSlot.Length;
            _pendingCount -= total;
            _blockState[entry] = BlockClosed;
            _blockNumber[entry] = number;
            _blockCount[entry] = total;
            _nextBlock++;
            BlocksCut++;

            // The host asks for an estimate of 1/8 of the block at once.
            int requestLength = SiftEstimateRequestCodec.Encode(_reply, 0, number, _requestBits);
            SendToGround(MessageType.SiftEstimateRequest, requestLength);
        }

        private void OnSample(byte[] payload, int length)
        {
            if (!SiftEstimateSampleCodec.TryDecode(payload, 0, length, out uint number, out int blockBits, _positions, _sampleBits, out int k))
            {
                Malformed++;
                return;
            }

            int entry = HeldBlock(number, BlockClosed);
            if (entry < 0 || _blockCount[entry] != blockBits)
            {
                Unexpected++;
                return;
            }

            int[] ownSampled = _ownSampled[entry];
            int[] ownErrors = _ownErrors[entry];
            for (int c = 0; c < SiftCodes.CellCount; c++)
            {
                ownSampled[c] = 0;
                ownErrors[c] = 0;
            }

            for (int j = 0; j < k; j++)
            {
                int position = _positions[j];
                int bit = _blockBit[entry][position];
                int cell = SiftCodes.Cell(_blockClass[entry][position], _blockBasis[entry][position]);
                _referenceBits[j] = (byte)bit;
                ownSampled[cell]++;
                if (_sampleBits[j] != bit)
                {
                    ownErrors[cell]++;
                    SampleErrors++;
                }

                _blockRemoved[entry][position] = 1;
            }

            SampledBits += k;
            _blockState[entry] = BlockSampled;
            int replyLength = SiftEstimateReferenceCodec.Encode(_reply, 0, number, _referenceBits, k);
            SendToGround(MessageType.SiftEstimateReference, replyLength);
        }

        private void OnResult(byte[] payload, int length)
        {
            if (!SiftEstimateResultCodec.TryDecode(payload, 0, length, out uint number, out byte verdict, out int thresholdPpm, _resultSampled, _resultErrors))
            {
                Malformed++;
                return;
            }

            // The host always asks for a sample, so a verdict follows the satellite's reference bits.
            int entry = HeldBlock(number, BlockSampled);
            if (entry < 0)
            {
                Unexpected++;
                return;
            }

            for (int c = 0; c < SiftCodes.CellCount; c++)
            {
                if (_resultSampled[c] != _ownSampled[entry][c] || _resultErrors[c] != _ownErrors[entry][c])
                {
                    EstimateDisagreements++;
                    break;
                }
            }

            if (verdict == SiftEstimateResultCodec.VerdictAccepted)
            {
                BlocksAccepted++;
                _blockState[entry] = BlockAwaitingKey;
            }
            else
            {
                BlocksDiscarded++;
                _blockState[entry] = BlockFree;
            }
        }

        private void OnSiftedBlock(byte[] payload, int length)
        {
            if (!SiftedBlockCodec.TryDecode(payload, 0, length, out uint number, _classCounts, _keyStarts, _basisStarts))
            {
                Malformed++;
                return;
            }

            int entry = HeldBlock(number, BlockAwaitingKey);
            if (entry < 0)
            {
                Unexpected++;
                return;
            }

            for (int c = 0; c < SiftCodes.ClassCount; c++)
            {
                int j = 0;
                for (int i = 0; i < _blockCount[entry]; i++)
                {
                    if (_blockRemoved[entry][i] != 0 || _blockClass[entry][i] != c)
                    {
                        continue;
                    }

                    if (j >= _classCounts[c])
                    {
                        Unexpected++;
                        break;
                    }

                    int groundBit = SiftWire.GetBit(payload, _keyStarts[c], j);
                    int satelliteBit = _blockBit[entry][i];
                    if (groundBit != satelliteBit)
                    {
                        KeyErrors++;
                    }

                    if (SiftWire.GetBit(payload, _basisStarts[c], j) != _blockBasis[entry][i])
                    {
                        BasisMismatches++;
                    }

                    if (OnDeliveredBit != null)
                    {
                        OnDeliveredBit(_blockSlot[entry][i], groundBit, satelliteBit, c);
                    }

                    DeliveredBits++;
                    j++;
                }

                if (j != _classCounts[c])
                {
                    Unexpected++;
                }
            }

            _blockState[entry] = BlockFree;
        }

        private int HeldBlock(uint number, int state)
        {
            int entry = Reinterpret.AsInt32(number % _blockRing);
            return _blockState[entry] == state && _blockNumber[entry] == number ? entry : -1;
        }

        private void SendToGround(MessageType type, int length)
        {
            if (length < 0)
            {
                Malformed++;
                return;
            }

            Digest(type, _reply, length);
            if (_ground != null && !_ground.Receive(type, _reply, 0, length))
            {
                Refused++;
            }
        }

        private void Digest(MessageType type, byte[] payload, int length)
        {
            int index = (int)type - (int)MessageType.SiftAnnounce;
            if (index >= 0 && index < Digests.Length)
            {
                Digests[index].Add(payload, 0, length);
            }
        }
    }
}

using GroundStation.Hal;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// Numbered blocks: block n lives in ring entry n % BlockCount; blocks open in order, close when full (or on
    /// flush), wait for estimation, leave as a key or an alarm, then free their entry.
    /// </summary>
    public sealed partial class GroundSifter
    {
        private readonly SiftBlock[] _blocks;
        private readonly uint _blockRing; // _blocks.Length, typed like the block numbers it divides
        private uint _oldestBlock;
        private uint _currentBlock;
        private SiftBlock _openBlock; // block _currentBlock while it takes bits; null once it closed
        private readonly byte[] _disclosed; // scratch: a sample's disclosed bits while its message is encoded

        /// <summary>Number of the block being filled (or the last one closed while no entry is free).</summary>
        public uint CurrentBlockNumber
        {
            get
            {
                lock (_lock)
                {
                    return _currentBlock;
                }
            }
        }

        /// <summary>
        /// Closed blocks whose messages have all been sent and that wait for the host: its estimation request, or the
        /// satellite side's reference bits.
        /// </summary>
        public int BlocksAwaitingHost
        {
            get
            {
                lock (_lock)
                {
                    int n = 0;
                    for (int i = 0; i < _blocks.Length; i++)
                    {
                        SiftBlock b = _blocks[i];
                        if ((b.State == SiftBlock.Closed || b.State == SiftBlock.Sampling) && b.Pending == 0)
                        {
                            n++;
                        }
                    }

                    return n;
                }
            }
        }

        private SiftBlock Block(uint number)
        {
            return _blocks[number % _blockRing];
        }

        /// <summary>Sifted bits the blocks can still take without waiting for the host.</summary>
        private int FreeBlockCapacity()
        {
            int used = Reinterpret.AsInt32(_currentBlock - _oldestBlock) + 1;
            int free = (_blocks.Length - used) * _config.BlockBitCapacity;
            if (_openBlock != null)
            {
                free += _config.BlockBitCapacity - _openBlock.Count;
            }

            return free;
        }

        /// <summary>Opens the block after the current one for the next sifted bit; null (counted) if its entry is still held.</summary>
        private SiftBlock OpenNextBlock()
        {
            uint next = _currentBlock + 1;
            SiftBlock entry = Block(next);
            if (next - _oldestBlock >= _blockRing || entry.State != SiftBlock.Free)
            {
                // Cannot happen while announcements respect FreeBlockCapacity; counted if it ever does.
                Counters.InternalErrors++;
                return null;
            }

            entry.Begin(next);
            _currentBlock = next;
            _openBlock = entry;
            return entry;
        }

        private void CloseBlock(SiftBlock block)
        {
            block.State = SiftBlock.Closed;
            block.ClosedCount = block.Count;
            block.Pending |= SiftBlock.SendNotice;
            _openBlock = null;
            Counters.BlocksClosed++;
        }

        /// <summary>The block numbered <paramref name="number"/> if it is held and in <paramref name="state"/>, else null.</summary>
        private SiftBlock HeldBlock(uint number, int state)
        {
            if (number - _oldestBlock > _currentBlock - _oldestBlock)
            {
                return null;
            }

            SiftBlock block = Block(number);
            return block.Number == number && block.State == state ? block : null;
        }

        /// <summary>Sends due block messages in block order; false when the link refused one (stop for now).</summary>
        private bool SendBlockMessages()
        {
            for (uint n = _oldestBlock; n - _oldestBlock <= _currentBlock - _oldestBlock; n++)
            {
                SiftBlock block = Block(n);
                if (block.Number != n || block.State == SiftBlock.Free)
                {
                    continue;
                }

                if (!SendDue(block))
                {
                    return false;
                }

                if (block.State == SiftBlock.Finished && block.Pending == 0)
                {
                    block.Wipe();
                }
            }

            while (_oldestBlock != _currentBlock && Block(_oldestBlock).State == SiftBlock.Free)
            {
                _oldestBlock++;
            }

            return true;
        }

        private bool SendDue(SiftBlock block)
        {
            int length;
            if ((block.Pending & SiftBlock.SendNotice) != 0)
            {
                length = SiftBlockClosedCodec.Encode(_tx, 0, block.Number, block.ClassCounts);
                if (!TrySend(MessageType.SiftBlockClosed, length))
                {
                    return false;
                }

                block.Pending &= ~SiftBlock.SendNotice;
            }

            if ((block.Pending & SiftBlock.SendSample) != 0)
            {
                length = SiftEstimateSampleCodec.EncodeCodes(_tx, 0, block.Number, block.Count, block.SampleMask, block.SampleCount,
                    block.Codes, _disclosed);
                if (!TrySend(MessageType.SiftEstimateSample, length))
                {
                    return false;
                }

                block.Pending &= ~SiftBlock.SendSample;
            }

            if ((block.Pending & SiftBlock.SendResult) != 0)
            {
                byte verdict = block.Alarmed ? SiftEstimateResultCodec.VerdictAlarm : SiftEstimateResultCodec.VerdictAccepted;
                length = SiftEstimateResultCodec.Encode(_tx, 0, block.Number, verdict, _config.QberAlarmThresholdPpm, block.Sampled, block.Errors);
                if (!TrySend(MessageType.SiftEstimateResult, length))
                {
                    return false;
                }

                block.Pending &= ~SiftBlock.SendResult;
            }

            if ((block.Pending & SiftBlock.SendAlarm) != 0)
            {
                int cell = block.AlarmCell;
                length = SiftAlarmCodec.Encode(_tx, 0, block.Number, cell / SiftCodes.BasisCount, cell % SiftCodes.BasisCount,
                    block.AlarmQberPpm, block.Errors[cell], block.Sampled[cell]);
                if (!TrySend(MessageType.SiftAlarm, length))
                {
                    return false;
                }

                block.Pending &= ~SiftBlock.SendAlarm;
            }

            if ((block.Pending & SiftBlock.SendKey) != 0)
            {
                if (!_link.CanAccept(SiftedBlockCodec.Length(block.Number, block.ClassCounts)))
                {
                    return false;
                }

                length = SiftedBlockCodec.EncodeCodes(_tx, 0, block.Number, block.Codes, block.Count, block.ClassCounts);
                if (!TrySend(MessageType.SiftedBlock, length))
                {
                    return false;
                }

                Counters.BitsDelivered += block.KeptCount;
                block.Pending &= ~SiftBlock.SendKey;
            }

            return true;
        }

        /// <summary>Sends _tx[0..length) if the link has room; an encoder failure (length -1) is an internal error.</summary>
        private bool TrySend(MessageType type, int length)
        {
            if (length < 0)
            {
                Counters.InternalErrors++;
                return false;
            }

            if (!_link.CanAccept(length))
            {
                return false;
            }

            _link.Send(type, _tx, 0, length);
            return true;
        }
    }
}

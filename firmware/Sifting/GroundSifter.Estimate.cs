using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// Parameter estimation: on request, a random sample of a closed block (positions from the board's random source)
    /// is disclosed, compared with the satellite's bits, removed from the key on both sides, and judged against the
    /// QBER threshold per (class, basis).
    /// </summary>
    public sealed partial class GroundSifter
    {
        private bool OnEstimateRequest(byte[] payload, int offset, int length)
        {
            if (!SiftEstimateRequestCodec.TryDecode(payload, offset, length, out uint number, out int sampleCount))
            {
                Counters.MalformedPayloads++;
                return false;
            }

            SiftBlock block = HeldBlock(number, SiftBlock.Closed);
            if (block == null || (block.Pending & SiftBlock.SendNotice) != 0)
            {
                Counters.UnexpectedMessages++;
                return false;
            }

            if (sampleCount > block.Count)
            {
                sampleCount = block.Count;
            }

            int limit = MaxSampleCount(block.Count);
            if (sampleCount > limit)
            {
                sampleCount = limit;
                Counters.SamplesClamped++;
            }

            if (sampleCount == 0)
            {
                Finish(block);
                return true;
            }

            ChooseSample(block, sampleCount);
            block.State = SiftBlock.Sampling;
            block.Pending |= SiftBlock.SendSample;
            return true;
        }

        /// <summary>Largest sample whose disclosure fits one payload (header, positions as varints, bits).</summary>
        private int MaxSampleCount(int blockBits)
        {
            int positionBytes = SiftWire.VarintLength((ulong)blockBits);
            int room = _tx.Length - 3 * SiftWire.MaxVarintBytes;
            return room * 8 / (8 * positionBytes + 1);
        }

        /// <summary>Selection sampling (Knuth's algorithm S): exactly k distinct positions, uniformly, in order.</summary>
        private void ChooseSample(SiftBlock block, int k)
        {
            SiftWire.Zero(block.SampleMask, 0, block.SampleMask.Length);
            int needed = k;
            int previous = -1;
            int length = SiftWire.VarintLength(block.Number) + SiftWire.VarintLength((ulong)block.Count)
                + SiftWire.VarintLength((ulong)k) + SiftWire.BitBytes(k);
            for (int i = 0; i < block.Count && needed > 0; i++)
            {
                if (DrawBelow(block.Count - i) < needed)
                {
                    SiftWire.SetBit(block.SampleMask, 0, i, 1);
                    length += SiftWire.VarintLength((ulong)(previous < 0 ? i : i - previous));
                    previous = i;
                    needed--;
                }
            }

            block.SampleCount = k;
            block.SampleLength = length;
        }

        private bool OnEstimateReference(byte[] payload, int offset, int length)
        {
            if (!SiftEstimateReferenceCodec.TryDecode(payload, offset, length, out uint number, out int count, out int bitsStart))
            {
                Counters.MalformedPayloads++;
                return false;
            }

            SiftBlock block = HeldBlock(number, SiftBlock.Sampling);
            if (block == null || (block.Pending & SiftBlock.SendSample) != 0 || count != block.SampleCount)
            {
                Counters.UnexpectedMessages++;
                return false;
            }

            int j = 0;
            for (int i = 0; i < block.Count; i++)
            {
                if (SiftWire.GetBit(block.SampleMask, 0, i) == 0)
                {
                    continue;
                }

                int cell = SiftCodes.Cell(SiftWire.GetPair(block.Classes, 0, i), SiftWire.GetBit(block.Basis, 0, i));
                block.Sampled[cell]++;
                if (SiftWire.GetBit(payload, bitsStart, j) != SiftWire.GetBit(block.Key, 0, i))
                {
                    block.Errors[cell]++;
                }

                j++;
            }

            Counters.BitsDisclosed += count;
            block.RemoveSample();
            Judge(block);
            Finish(block);
            return true;
        }

        /// <summary>Alarm when errors/sampled exceeds the threshold in any watched (class, basis) cell; keeps the worst.</summary>
        private void Judge(SiftBlock block)
        {
            long threshold = _config.QberAlarmThresholdPpm;
            for (int cell = 0; cell < SiftCodes.CellCount; cell++)
            {
                int intensityClass = cell / SiftCodes.BasisCount;
                long sampled = block.Sampled[cell];
                if ((_config.AlarmClassMask & (1 << intensityClass)) == 0 || sampled == 0)
                {
                    continue;
                }

                long errorsPpm = block.Errors[cell] * 1000000L;
                int qberPpm = (int)(errorsPpm / sampled);
                if (errorsPpm > threshold * sampled && (!block.Alarmed || qberPpm > block.AlarmQberPpm))
                {
                    block.Alarmed = true;
                    block.AlarmCell = cell;
                    block.AlarmQberPpm = qberPpm;
                }
            }
        }

        private void Finish(SiftBlock block)
        {
            block.State = SiftBlock.Finished;
            if (block.Alarmed)
            {
                Counters.BlocksAlarmed++;
                Counters.BitsDiscarded += block.Count;
                SiftWire.Zero(block.Key, 0, block.Key.Length);
                block.Pending |= SiftBlock.SendResult | SiftBlock.SendAlarm;
                SiftingAlarmHandler handler = Alarm;
                if (handler != null)
                {
                    handler(block.Number, block.AlarmCell / SiftCodes.BasisCount, block.AlarmCell % SiftCodes.BasisCount, block.AlarmQberPpm);
                }
            }
            else
            {
                Counters.BlocksAccepted++;
                block.Pending |= SiftBlock.SendResult | SiftBlock.SendKey;
            }
        }
    }
}

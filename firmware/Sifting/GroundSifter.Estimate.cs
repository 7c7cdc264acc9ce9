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

        /// <summary>
        /// Exactly k distinct positions, uniformly (R. W. Floyd's algorithm, as given by J. Bentley, "Programming
        /// pearls: a sample of brilliance", CACM 30(9), 1987): for j = n-k .. n-1 draw t in [0, j]; take t, or j when
        /// t is taken already. k draws, whatever the block size. The message lists the positions in increasing order;
        /// its length is known when it is encoded (SendDue), so nothing walks the sample here.
        /// </summary>
        private void ChooseSample(SiftBlock block, int k)
        {
            byte[] mask = block.SampleMask;
            System.Array.Clear(mask, 0, mask.Length);
            int n = block.Count;
            for (int j = n - k; j < n; j++)
            {
                int t = DrawBelow(j + 1);
                if (SiftWire.GetBit(mask, 0, t) != 0)
                {
                    t = j;
                }

                SiftWire.SetBit(mask, 0, t, 1);
            }

            block.SampleCount = k;
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

            // The disclosed bits leave the key: marked removed, no longer counted per class, skipped when encoded.
            int j = 0;
            int n = block.Count;
            byte[] codes = block.Codes;
            int[] classCounts = block.ClassCounts;
            for (int i = SiftWire.NextSetBit(block.SampleMask, 0, 0, n); i < n; i = SiftWire.NextSetBit(block.SampleMask, 0, i + 1, n))
            {
                int shift = (i & 1) << 2;
                int code = (codes[i >> 1] >> shift) & 0xF;
                int intensityClass = code >> 2;
                int cell = (intensityClass << 1) | ((code >> 1) & 1); // SiftCodes.Cell(class, basis)
                block.Sampled[cell]++;
                if (((payload[bitsStart + (j >> 3)] >> (j & 7)) & 1) != (code & 1))
                {
                    block.Errors[cell]++;
                }

                classCounts[intensityClass]--;
                codes[i >> 1] |= (byte)(SiftBlock.RemovedClassBits << shift);
                j++;
            }

            block.Removed = j;

            Counters.BitsDisclosed += count;
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
                if (errorsPpm <= threshold * sampled)
                {
                    continue;
                }

                int qberPpm = (int)(errorsPpm / sampled); // only for a cell over the threshold
                if (!block.Alarmed || qberPpm > block.AlarmQberPpm)
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
                Counters.BitsDiscarded += block.KeptCount;
                System.Array.Clear(block.Codes, 0, block.Codes.Length);
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

using System;
using GroundStation.Hal;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// Sizes and policy of on-board sifting. Every buffer is allocated once from these numbers when
    /// <see cref="GroundSifter"/> is built; <see cref="Validate"/> rejects combinations that could deadlock or overflow.
    /// </summary>
    public sealed class SiftingConfig
    {
        public SiftingConfig(ReceiverMap receiver)
        {
            Receiver = receiver;
            BatchCapacity = 256;
            BatchCount = 4;
            BlockBitCapacity = 2048;
            BlockCount = 4;
            MaxPayloadBytes = 1024;
            QberAlarmThresholdPpm = 110000;
            AlarmClassMask = 1 << SiftCodes.ClassSignal;
        }

        public ReceiverMap Receiver { get; set; }

        /// <summary>Most detections (after squashing) in one announcement.</summary>
        public int BatchCapacity { get; set; }

        /// <summary>Announcements kept until their match reply arrives (filling + ready + awaiting).</summary>
        public int BatchCount { get; set; }

        /// <summary>Sifted bits per block (all intensity classes together, before estimation removes the sample).</summary>
        public int BlockBitCapacity { get; set; }

        /// <summary>Blocks kept until the host has estimated and received them.</summary>
        public int BlockCount { get; set; }

        /// <summary>Largest payload the link carries; announcements close early rather than exceed it.</summary>
        public int MaxPayloadBytes { get; set; }

        /// <summary>QBER above which the intrusion alarm fires (ppm; 110000 = 11 %, the asymptotic BB84 limit).</summary>
        public int QberAlarmThresholdPpm { get; set; }

        /// <summary>Intensity classes (bit c = class c) whose QBER can raise the alarm. Default: signal only (vacuum bits are random).</summary>
        public int AlarmClassMask { get; set; }

        /// <summary>Default sizes taken from the board's memory budget.</summary>
        public static SiftingConfig FromBudget(BufferBudget budget, ReceiverMap receiver)
        {
            var config = new SiftingConfig(receiver);
            int bits = budget.SiftedBlockBytes * 8;
            config.BlockBitCapacity = bits > 32768 ? 32768 : bits;
            int depth = budget.SiftedBlockQueueDepth;
            config.BlockCount = depth < 2 ? 2 : (depth > 8 ? 8 : depth);
            int needed = SiftedBlockCodec.MaxLength(config.BlockBitCapacity);
            config.MaxPayloadBytes = needed > 1024 ? needed : 1024;
            return config;
        }

        /// <summary>Throws ArgumentException naming the first setting that cannot work.</summary>
        public void Validate()
        {
            if (Receiver == null || !Receiver.IsComplete)
            {
                throw new ArgumentException("Receiver map must assign all four detector roles.");
            }

            if (BatchCapacity < 1 || BatchCapacity > SiftCodes.MaxItemsPerPayload || BatchCount < 2)
            {
                throw new ArgumentException("BatchCapacity 1..65535 and BatchCount >= 2.");
            }

            if (BlockBitCapacity < 8 || BlockBitCapacity > SiftCodes.MaxItemsPerPayload || BlockCount < 2)
            {
                throw new ArgumentException("BlockBitCapacity 8..65535 and BlockCount >= 2.");
            }

            if (BatchCapacity > BlockBitCapacity)
            {
                throw new ArgumentException("BatchCapacity must not exceed BlockBitCapacity (a batch must fit the free block space).");
            }

            if (SiftedBlockCodec.MaxLength(BlockBitCapacity) > MaxPayloadBytes || MaxPayloadBytes < 64)
            {
                throw new ArgumentException("MaxPayloadBytes too small for a sifted block.");
            }

            if (QberAlarmThresholdPpm < 0 || QberAlarmThresholdPpm > 1000000)
            {
                throw new ArgumentException("QberAlarmThresholdPpm 0..1000000.");
            }
        }
    }
}

using GroundStation.Hal;

namespace GroundStation.Testbed.Link;

/// <summary>
/// A virtual-time UART pair for link benchmarks: every byte occupies the line for 10 bit times (start, 8 data,
/// stop) at the baud rate, so a reader sees it only once its stop bit has passed; each data bit can be flipped
/// with a given probability. Not thread-safe: one loop drives both ends and the clock.
/// </summary>
public sealed class TimedSerialLine
{
    public TimedSerialLine(Func<long> nowMicroseconds, int baudRate, double bitErrorRate, int seed)
    {
        A = new End(nowMicroseconds, baudRate, bitErrorRate, seed);
        B = new End(nowMicroseconds, baudRate, bitErrorRate, seed + 1);
        A.Peer = B;
        B.Peer = A;
    }

    /// <summary>Conventionally the device's end.</summary>
    public End A { get; }

    /// <summary>Conventionally the host's end.</summary>
    public End B { get; }

    public sealed class End(Func<long> now, int baudRate, double bitErrorRate, int seed) : ISerialPort
    {
        private readonly Queue<(double ArrivalUs, byte Value)> _incoming = new();
        private readonly Random _noise = new(seed);
        private readonly double _byteMicroseconds = 10e6 / baudRate;
        private double _lineFreeUs;

        internal End? Peer { get; set; }

        public int BaudRate { get; } = baudRate;

        /// <summary>Bytes this end put on the line.</summary>
        public long BytesSent { get; private set; }

        public long FlippedBits { get; private set; }

        /// <summary>Time until which this end's transmitter is busy.</summary>
        public double LineFreeMicroseconds => _lineFreeUs;

        public int Read(byte[] buffer, int offset, int count)
        {
            long t = now();
            int n = 0;
            while (n < count && _incoming.Count > 0 && _incoming.Peek().ArrivalUs <= t)
            {
                buffer[offset + n++] = _incoming.Dequeue().Value;
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            double start = Math.Max(now(), _lineFreeUs);
            for (int i = 0; i < count; i++)
            {
                start += _byteMicroseconds;
                int value = buffer[offset + i];
                if (bitErrorRate > 0)
                {
                    for (int bit = 0; bit < 8; bit++)
                    {
                        if (_noise.NextDouble() < bitErrorRate)
                        {
                            value ^= 1 << bit;
                            FlippedBits++;
                        }
                    }
                }

                Peer!._incoming.Enqueue((start, (byte)value));
            }

            _lineFreeUs = start;
            BytesSent += count;
        }
    }
}

using System;
using System.Device.Spi;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// <see cref="ISpiDevice"/> over a System.Device.Spi SpiDevice whose chip select is driven by the SPI driver
    /// (SpiConnectionSettings.ChipSelectLine), so it is held active for exactly one full-duplex transfer.
    /// The byte[] overloads compile on nanoFramework (implicit SpanByte) and on .NET (implicit Span), but transfer
    /// whole arrays; a shorter <c>count</c> goes through scratch arrays kept per length, so a driver that uses a few
    /// fixed frame lengths allocates only on the first transfer of each.
    /// </summary>
    public sealed class SpiDeviceAdapter : ISpiDevice
    {
        /// <summary>Scratch arrays are cached for every length up to this; longer ones keep the last length used.</summary>
        public const int MaxCachedLength = 64;

        private readonly SpiDevice _device;
        private readonly HalFaultCounters _faults;
        private readonly byte[][] _txByLength = new byte[MaxCachedLength + 1][];
        private readonly byte[][] _rxByLength = new byte[MaxCachedLength + 1][];
        private byte[] _largeTx;
        private byte[] _largeRx;

        public SpiDeviceAdapter(string name, SpiDevice device, HalFaultCounters faults)
        {
            Name = name;
            _device = device;
            _faults = faults;
        }

        public string Name { get; }

        public void Transfer(byte[] writeBuffer, byte[] readBuffer, int count)
        {
            if (count < 0 || count > writeBuffer.Length || count > readBuffer.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (count == 0)
            {
                return;
            }

            bool exact = writeBuffer.Length == count && readBuffer.Length == count;
            byte[] tx = exact ? writeBuffer : Scratch(_txByLength, true, count);
            byte[] rx = exact ? readBuffer : Scratch(_rxByLength, false, count);
            if (!exact)
            {
                Array.Copy(writeBuffer, tx, count);
            }

            try
            {
                _device.TransferFullDuplex(tx, rx);
            }
            catch (Exception e)
            {
                throw _faults.Raise(HalFault.SpiTransferFailed, Name, "transfer of " + count + " bytes failed: " + e.Message);
            }

            if (!exact)
            {
                Array.Copy(rx, readBuffer, count);
            }
        }

        private byte[] Scratch(byte[][] cache, bool transmit, int count)
        {
            if (count <= MaxCachedLength)
            {
                byte[] cached = cache[count];
                if (cached == null)
                {
                    cached = new byte[count];
                    cache[count] = cached;
                }

                return cached;
            }

            if (transmit)
            {
                if (_largeTx == null || _largeTx.Length != count)
                {
                    _largeTx = new byte[count];
                }

                return _largeTx;
            }

            if (_largeRx == null || _largeRx.Length != count)
            {
                _largeRx = new byte[count];
            }

            return _largeRx;
        }
    }
}

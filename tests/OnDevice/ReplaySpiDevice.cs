using System;
using System.Collections;
using GroundStation.Hal;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// An <see cref="ISpiDevice"/> that replays a recorded bus capture, frame by frame: each chip-select frame is the
    /// opcode the driver must send first and the bytes the chip answered on MISO. A frame of another length or
    /// opcode, or more frames than recorded, throws, so a test also pins the driver's transaction sequence.
    /// Device subset (no generics): hal/Fakes is desktop-only and not part of the device image.
    /// </summary>
    public sealed class ReplaySpiDevice : ISpiDevice
    {
        private readonly ArrayList _opcodes = new ArrayList();
        private readonly ArrayList _miso = new ArrayList();
        private int _next;

        public ReplaySpiDevice(string name)
        {
            Name = name;
        }

        public string Name { get; }

        /// <summary>Frames the driver has clocked so far.</summary>
        public int FramesTransferred
        {
            get { return _next; }
        }

        /// <summary>Frames recorded and not yet replayed.</summary>
        public int FramesLeft
        {
            get { return _miso.Count - _next; }
        }

        /// <summary>Appends one recorded frame: the driver sends <paramref name="opcode"/> first, the chip answers <paramref name="miso"/>.</summary>
        public ReplaySpiDevice Frame(byte opcode, byte[] miso)
        {
            _opcodes.Add(opcode);
            _miso.Add(miso);
            return this;
        }

        /// <summary>A frame of <paramref name="length"/> bytes on which the chip drives nothing of interest (0x00).</summary>
        public ReplaySpiDevice Silent(byte opcode, int length)
        {
            return Frame(opcode, new byte[length]);
        }

        public void Transfer(byte[] writeBuffer, byte[] readBuffer, int count)
        {
            if (_next >= _miso.Count)
            {
                throw new InvalidOperationException(Name + ": frame " + _next + " (opcode 0x" + writeBuffer[0].ToString("X2") + ") beyond the recording");
            }

            byte opcode = (byte)_opcodes[_next];
            byte[] miso = (byte[])_miso[_next];
            if (writeBuffer[0] != opcode || count != miso.Length)
            {
                throw new InvalidOperationException(Name + ": frame " + _next + " sent opcode 0x" + writeBuffer[0].ToString("X2")
                    + " with " + count + " bytes; the recording has 0x" + opcode.ToString("X2") + " with " + miso.Length + " bytes");
            }

            Array.Copy(miso, 0, readBuffer, 0, count);
            _next++;
        }
    }
}

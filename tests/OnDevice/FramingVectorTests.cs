using GroundStation.Protocol;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>COBS vectors from the published examples table (Wikipedia "Consistent Overhead Byte Stuffing", after Cheshire &amp; Baker 1999), and a whole-frame round trip.</summary>
    [TestClass]
    public class FramingVectorTests
    {
        private readonly byte[] encoded = new byte[600];
        private readonly byte[] decoded = new byte[600];

        [TestMethod]
        public void Cobs_encodes_a_single_zero_as_01_01()
        {
            AssertEncodes(new byte[] { 0x00 }, new byte[] { 0x01, 0x01 });
        }

        [TestMethod]
        public void Cobs_encodes_embedded_zeros_as_run_lengths()
        {
            AssertEncodes(new byte[] { 0x11, 0x22, 0x00, 0x33 }, new byte[] { 0x03, 0x11, 0x22, 0x02, 0x33 });
            AssertEncodes(new byte[] { 0x11, 0x00, 0x00, 0x00 }, new byte[] { 0x02, 0x11, 0x01, 0x01, 0x01 });
        }

        [TestMethod]
        public void Cobs_splits_a_run_of_254_non_zero_bytes()
        {
            byte[] source = new byte[254];
            for (int i = 0; i < source.Length; i++)
            {
                source[i] = (byte)(i + 1);
            }

            int length = Cobs.Encode(source, 0, source.Length, encoded, 0);

            Assert.AreEqual(256, length);
            Assert.AreEqual((byte)0xFF, encoded[0]);
            Assert.AreEqual((byte)0x01, encoded[255]);
            Assert.AreEqual(254, Cobs.Decode(encoded, 0, length, decoded, 0));
            Assert.AreEqual((byte)254, decoded[253]);
        }

        [TestMethod]
        public void Cobs_rejects_a_zero_inside_an_encoded_run()
        {
            byte[] corrupt = new byte[] { 0x03, 0x11, 0x00 };

            Assert.AreEqual(-1, Cobs.Decode(corrupt, 0, corrupt.Length, decoded, 0));
        }

        [TestMethod]
        public void Frame_round_trips_through_writer_and_decoder()
        {
            byte[] payload = new byte[] { 0x00, 0x42, 0x00, 0xFF, 0x10 };
            byte[] wire = new byte[Frame.MaxWireLength(payload.Length)];
            FrameWriter writer = new FrameWriter();
            int length = writer.Write(MessageType.Hello, Frame.FlagSequenced, 7u, 3u, payload, 0, payload.Length, wire, 0);
            FrameDecoder decoder = new FrameDecoder(Frame.MaxPayload);

            int completed = 0;
            for (int i = 0; i < length; i++)
            {
                if (decoder.Push(wire[i]))
                {
                    completed++;
                }
            }

            Assert.AreEqual(1, completed);
            Assert.AreEqual((int)MessageType.Hello, (int)decoder.Type);
            Assert.AreEqual(7u, decoder.Seq);
            Assert.AreEqual(3u, decoder.Ack);
            Assert.AreEqual(payload.Length, decoder.PayloadLength);
            for (int i = 0; i < payload.Length; i++)
            {
                Assert.AreEqual(payload[i], decoder.Buffer[decoder.PayloadOffset + i]);
            }

            Assert.AreEqual(0L, decoder.CrcErrors);
        }

        [TestMethod]
        public void Frame_with_a_flipped_bit_is_counted_as_a_crc_error()
        {
            byte[] payload = new byte[] { 1, 2, 3 };
            byte[] wire = new byte[Frame.MaxWireLength(payload.Length)];
            int length = new FrameWriter().Write(MessageType.Ack, 0, 0u, 0u, payload, 0, payload.Length, wire, 0);
            wire[length - 3] ^= 0x01;
            FrameDecoder decoder = new FrameDecoder(Frame.MaxPayload);

            bool accepted = false;
            for (int i = 0; i < length; i++)
            {
                accepted |= decoder.Push(wire[i]);
            }

            Assert.IsFalse(accepted);
            Assert.AreEqual(1L, decoder.CrcErrors);
        }

        private void AssertEncodes(byte[] source, byte[] expected)
        {
            int length = Cobs.Encode(source, 0, source.Length, encoded, 0);
            Assert.AreEqual(expected.Length, length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], encoded[i]);
            }

            Assert.AreEqual(source.Length, Cobs.Decode(encoded, 0, length, decoded, 0));
            for (int i = 0; i < source.Length; i++)
            {
                Assert.AreEqual(source[i], decoded[i]);
            }
        }
    }
}

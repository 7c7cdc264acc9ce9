using GroundStation.Hal;
using GroundStation.Protocol;
using nanoFramework.TestFramework;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// Published check values of the two checksums (the "123456789" check string of the CRC catalogue): the link
    /// CRC-16/CCITT-FALSE and the config store's CRC-32 must give them on the interpreter exactly as on the desktop.
    /// </summary>
    [TestClass]
    public class ChecksumVectorTests
    {
        private static readonly byte[] CheckString = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };

        [TestMethod]
        public void Crc16_ccitt_false_of_the_check_string_is_29B1()
        {
            Assert.AreEqual((ushort)0x29B1, Crc16Ccitt.Compute(CheckString, 0, CheckString.Length));
        }

        [TestMethod]
        public void Crc16_of_nothing_is_the_initial_value()
        {
            Assert.AreEqual(Crc16Ccitt.Initial, Crc16Ccitt.Compute(CheckString, 0, 0));
        }

        [TestMethod]
        public void Crc16_update_byte_by_byte_matches_the_block_computation()
        {
            ushort crc = Crc16Ccitt.Initial;
            for (int i = 0; i < CheckString.Length; i++)
            {
                crc = Crc16Ccitt.Update(crc, CheckString[i]);
            }

            Assert.AreEqual((ushort)0x29B1, crc);
        }

        [TestMethod]
        public void Crc32_of_the_check_string_is_CBF43926()
        {
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(CheckString, 0, CheckString.Length));
        }

        [TestMethod]
        public void Crc32_in_two_pieces_equals_one_piece()
        {
            uint crc = Crc32.Update(Crc32.Start, CheckString, 0, 4);
            crc = Crc32.Update(crc, CheckString, 4, 5);

            Assert.AreEqual(0xCBF43926u, Crc32.Finish(crc));
        }
    }
}

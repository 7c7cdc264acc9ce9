using System.IO;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// The two config-store slots as two files: on the ESP32 on the internal flash drive "I:" (SPIFFS, through
    /// nanoFramework.System.IO.FileSystem), on Linux in a directory. Each write replaces a whole file
    /// (FileMode.Create); atomicity comes from <see cref="SlottedConfigStore"/> never writing the slot that holds the
    /// newest good record.
    /// </summary>
    public sealed class FileStorageSlots : IStorageSlots
    {
        private readonly string[] _paths;

        public FileStorageSlots(string slotPathA, string slotPathB)
        {
            _paths = new string[] { slotPathA, slotPathB };
        }

        public int ReadSlot(int slot, byte[] buffer)
        {
            string path = _paths[slot];
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int total = 0;
                while (total < buffer.Length)
                {
                    int n = stream.Read(buffer, total, buffer.Length - total);
                    if (n <= 0)
                    {
                        break;
                    }

                    total += n;
                }

                return total;
            }
        }

        public void WriteSlot(int slot, byte[] data, int length)
        {
            using (FileStream stream = new FileStream(_paths[slot], FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, 0, length);
                stream.Flush();
            }
        }
    }
}

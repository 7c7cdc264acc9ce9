using System;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Random numbers from System.Random. On the ESP32 nanoFramework's native Random is esp_random(), the hardware
    /// RNG (nf-interpreter targets/ESP32: CLR_RT_Random::Next returns esp_random() and ignores any seed); it is truly
    /// random only while the RF subsystem (Wi-Fi/BT) or another entropy source runs, otherwise pseudo-random from a
    /// boot-time seed (ESP-IDF documentation). On .NET, System.Random is a PRNG seeded from the OS.
    /// </summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random _random = new Random();
        private readonly byte[] _word = new byte[4];

        public uint NextUInt32()
        {
            _random.NextBytes(_word);
            return _word[0] | ((uint)_word[1] << 8) | ((uint)_word[2] << 16) | ((uint)_word[3] << 24);
        }
    }
}

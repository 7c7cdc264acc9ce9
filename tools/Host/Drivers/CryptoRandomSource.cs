using System.Security.Cryptography;
using GroundStation.Hal;

namespace GroundStation.Host.Drivers;

/// <summary>The host's cryptographic generator as the firmware's random source (estimation samples of a post-pass replay).</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public uint NextUInt32() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
}

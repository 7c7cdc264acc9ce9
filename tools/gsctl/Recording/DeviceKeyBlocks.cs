using GroundStation.Gsctl.Satellite;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Turns a device SiftedBlock payload (block n with key bits per intensity class, LSB first) into the recording's
/// key blocks: one per class, always all three (a class may have zero bits), with key-stream block id
/// n * 3 + class and bits packed MSB first. Writing all three keeps the ids contiguous, so a gap in the recording's
/// ids means a lost device block and never an empty class.
/// </summary>
internal static class DeviceKeyBlocks
{
    public const int ClassesPerBlock = SiftCodes.ClassCount;

    /// <summary>The key blocks of one payload, or null when the payload is malformed.</summary>
    public static SiftedKeyBlock[]? FromPayload(byte[] payload)
    {
        var block = HostSiftedBlock.TryDecode(payload);
        if (block is null)
        {
            return null;
        }

        var result = new SiftedKeyBlock[ClassesPerBlock];
        for (var c = 0; c < ClassesPerBlock; c++)
        {
            var bits = block.Bits(c);
            var packed = new byte[SiftedKeyBlock.BytesFor(bits.Count)];
            for (var i = 0; i < bits.Count; i++)
            {
                if (bits[i] != 0)
                {
                    packed[i >> 3] |= (byte)(0x80 >> (i & 7));
                }
            }

            result[c] = new SiftedKeyBlock((long)block.Number * ClassesPerBlock + c, (IntensityClass)c, bits.Count, packed);
        }

        return result;
    }
}

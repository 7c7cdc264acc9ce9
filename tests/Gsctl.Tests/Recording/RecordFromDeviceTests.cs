using System.Text.Json;
using GroundStation.Gsctl.Recording;
using GroundStation.Protocol.Sifting;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

/// <summary>The device-fed `gsctl record`: the SiftedBlock-to-key-block mapping, and a recording from the simulation board.</summary>
public sealed class RecordFromDeviceTests
{
    [Fact]
    public void A_device_block_becomes_three_key_blocks_with_ids_3n_to_3n_plus_2_packed_msb_first()
    {
        // Block 7, sifting order: signal 1, decoy 0, signal 1, vacuum 1, signal 0, signal 1.
        int[] keys = [1, 0, 1, 1, 0, 1];
        int[] classes = [SiftCodes.ClassSignal, SiftCodes.ClassDecoy, SiftCodes.ClassSignal, SiftCodes.ClassVacuum, SiftCodes.ClassSignal, SiftCodes.ClassSignal];
        var blocks = DeviceKeyBlocks.FromPayload(Encode(7, keys, classes))!;

        Assert.Equal([21L, 22L, 23L], blocks.Select(b => b.BlockId));
        Assert.Equal([IntensityClass.Signal, IntensityClass.Decoy, IntensityClass.Vacuum], blocks.Select(b => b.Intensity));
        Assert.Equal([4, 1, 1], blocks.Select(b => b.BitCount));
        Assert.Equal([(byte)0b1101_0000], blocks[0].Bits); // signal bits in order: 1, 1, 0, 1
        Assert.Equal([(byte)0x00], blocks[1].Bits);
        Assert.Equal([(byte)0x80], blocks[2].Bits);
    }

    [Fact]
    public void A_malformed_payload_is_refused() =>
        Assert.Null(DeviceKeyBlocks.FromPayload([0x07, 0x05]));

    [Fact]
    public void A_lost_device_block_shows_as_three_missing_ids_and_verify_fails()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "pass");
        using (var writer = new RecordingWriter(directory, []))
        {
            foreach (var n in new uint[] { 5, 6, 8 })
            {
                foreach (var block in DeviceKeyBlocks.FromPayload(Encode(n, [1, 0], [SiftCodes.ClassSignal, SiftCodes.ClassDecoy]))!)
                {
                    writer.AddKeyBlock(block);
                }
            }

            var manifest = writer.Complete();
            Assert.Equal([21L, 22L, 23L], manifest.Key.MissingBlockIds);
            Assert.Equal(9, manifest.Key.Blocks);
            Assert.Equal(6, manifest.Key.Bits);
        }

        Assert.False(RecordingVerifier.Verify(directory).Ok);
    }

    [Fact]
    public void Recording_the_idle_simulation_board_gives_a_manifest_of_zero_blocks_that_verifies()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "pass");
        var result = GsctlProcess.Run("record", "--sim", "--out", directory, "--seconds", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("manifest written", result.Stdout);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var blocks = manifest.RootElement.GetProperty("key").GetProperty("blocks").GetInt64();
        Assert.Equal(0, blocks % DeviceKeyBlocks.ClassesPerBlock); // whole device blocks only; the idle board sends none
        var verify = GsctlProcess.Run("record", "verify", directory);
        Assert.True(verify.ExitCode == 0, verify.Stderr);
    }

    [Fact]
    public void Record_into_a_non_empty_directory_or_without_out_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("x"), "x");
        Assert.Equal(2, GsctlProcess.Run("record", "--sim", "--out", temp.Path, "--seconds", "1").ExitCode);
        Assert.Equal(2, GsctlProcess.Run("record", "--sim").ExitCode);
        Assert.Equal(0, GsctlProcess.Run("record", "--help").ExitCode);
    }

    [Fact]
    public void A_negative_reconnect_time_is_a_usage_error_and_help_explains_the_resumption()
    {
        using var temp = new TempDirectory();
        var result = GsctlProcess.Run("record", "--sim", "--out", temp.File("rec"), "--reconnect-seconds", "-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--reconnect-seconds must be 0 .. 86400", result.Stderr);
        Assert.False(Directory.Exists(temp.File("rec")));
        Assert.Contains("resumes the session", GsctlProcess.Run("record", "--help").Stdout);
    }

    private static byte[] Encode(uint block, int[] keys, int[] classes)
    {
        var keyBits = new byte[SiftWire.BitBytes(keys.Length)];
        var basisBits = new byte[SiftWire.BitBytes(keys.Length)];
        var pairs = new byte[SiftWire.PairBytes(keys.Length)];
        for (var i = 0; i < keys.Length; i++)
        {
            SiftWire.SetBit(keyBits, 0, i, keys[i]);
            SiftWire.SetPair(pairs, 0, i, classes[i]);
        }

        var buffer = new byte[SiftedBlockCodec.MaxLength(keys.Length)];
        var length = SiftedBlockCodec.Encode(buffer, 0, block, keyBits, basisBits, pairs, keys.Length);
        return buffer[..length];
    }
}

using GroundStation.Gsctl.Formats;
using GroundStation.Gsctl.Recording;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

public class RecordingTests
{
    private static SiftedKeyBlock Block(long id, IntensityClass intensity, int bits, int seed)
    {
        var bytes = new byte[SiftedKeyBlock.BytesFor(bits)];
        new Random(seed).NextBytes(bytes);
        if (bits % 8 != 0)
        {
            bytes[^1] &= (byte)(0xFF << (8 - bits % 8));
        }

        return new SiftedKeyBlock(id, intensity, bits, bytes);
    }

    // Multiples of 125 ps: exact in 1/256 ns and in 1 ps ticks.
    private static readonly TimeTag[] Detections = [new(125, 0), new(125, 2), new(4000, 1), new(9_000_000_000, 3)];

    private static RecordingManifest Record(string dir, IEnumerable<SiftedKeyBlock> blocks)
    {
        using var writer = new RecordingWriter(dir, [TimeTagFormat.QcryptoA1, TimeTagFormat.PtuT2]);
        foreach (var block in blocks)
        {
            writer.AddKeyBlock(block);
        }

        foreach (var tag in Detections)
        {
            writer.AddDetection(tag);
        }

        return writer.Complete();
    }

    [Fact]
    public void A_complete_recording_verifies_and_its_files_read_back_exactly()
    {
        using var dir = new TempDirectory();
        SiftedKeyBlock[] blocks = [Block(10, IntensityClass.Signal, 1000, 1), Block(11, IntensityClass.Decoy, 13, 2), Block(12, IntensityClass.Signal, 8, 3)];
        var manifest = Record(dir.Path, blocks);

        Assert.Equal(3, manifest.Key.Blocks);
        Assert.Equal(1021, manifest.Key.Bits);
        Assert.Equal(1008, manifest.Key.BitsByIntensity["signal"]);
        Assert.Equal(13, manifest.Key.BitsByIntensity["decoy"]);
        Assert.Equal(["detections.ptu", "detections.qcrypto-a1.bin", "keys.gsk", "manifest.json"], dir.FileNames());

        var result = RecordingVerifier.Verify(dir.Path);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains("3 key blocks (blocks 10..12), 1021 sifted bits", result.Summary);

        using (var keys = File.OpenRead(dir.File("keys.gsk")))
        {
            Assert.Equal(blocks, KeyStreamFile.Read(keys).ToArray());
        }

        using (var ptu = File.OpenRead(dir.File("detections.ptu")))
        {
            Assert.Equal(Detections, PtuT2Reader.Read(ptu).ToArray());
        }

        using var a1 = File.OpenRead(dir.File("detections.qcrypto-a1.bin"));
        Assert.Equal(Detections, QcryptoRawFormat.Read(a1, QcryptoVariant.A1).ToArray());
    }

    [Fact]
    public void Sha256_in_the_manifest_is_the_checksum_of_the_file()
    {
        using var dir = new TempDirectory();
        var manifest = Record(dir.Path, [Block(0, IntensityClass.Vacuum, 64, 5)]);
        var keys = manifest.Files.Single(f => f.Name == "keys.gsk");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(dir.File("keys.gsk")))), keys.Sha256);
        Assert.Equal(8 + 13 + 8, keys.Bytes);
    }

    [Fact]
    public void A_gap_in_block_ids_is_recorded_as_missing_and_fails_verification()
    {
        using var dir = new TempDirectory();
        var manifest = Record(dir.Path, [Block(1, IntensityClass.Signal, 16, 1), Block(4, IntensityClass.Signal, 16, 2), Block(5, IntensityClass.Signal, 16, 3)]);
        Assert.Equal([2L, 3L], manifest.Key.MissingBlockIds);
        var result = RecordingVerifier.Verify(dir.Path);
        Assert.Equal(["2 key blocks missing: 2..3"], result.Problems);
    }

    [Fact]
    public void A_flipped_byte_a_truncated_file_and_a_missing_manifest_are_each_caught()
    {
        using var dir = new TempDirectory();
        Record(dir.Path, [Block(0, IntensityClass.Signal, 800, 1)]);
        var bytes = File.ReadAllBytes(dir.File("keys.gsk"));
        bytes[40] ^= 1;
        File.WriteAllBytes(dir.File("keys.gsk"), bytes);
        var problem = Assert.Single(RecordingVerifier.Verify(dir.Path).Problems);
        Assert.StartsWith("keys.gsk: SHA-256 ", problem);

        File.WriteAllBytes(dir.File("detections.ptu"), File.ReadAllBytes(dir.File("detections.ptu"))[..^4]);
        Assert.Contains(RecordingVerifier.Verify(dir.Path).Problems, p => p.StartsWith("detections.ptu: ") && p.Contains("bytes, the manifest says"));

        File.Delete(dir.File("manifest.json"));
        Assert.Contains("the recording did not complete", Assert.Single(RecordingVerifier.Verify(dir.Path).Problems));
    }

    [Fact]
    public void Block_ids_must_increase_and_a_recording_needs_an_empty_directory()
    {
        using var dir = new TempDirectory();
        using (var writer = new RecordingWriter(dir.Path, []))
        {
            writer.AddKeyBlock(Block(3, IntensityClass.Signal, 8, 1));
            Assert.Throws<InvalidOperationException>(() => writer.AddKeyBlock(Block(3, IntensityClass.Signal, 8, 1)));
        }

        Assert.Throws<IOException>(() => new RecordingWriter(dir.Path, []));
    }

    [Fact]
    public void Ranges_compress_consecutive_ids()
    {
        Assert.Equal("3, 7..9, 12", RecordingVerifier.Ranges([3, 7, 8, 9, 12]));
        Assert.Equal("none", RecordingVerifier.Ranges([]));
    }

    [Fact]
    public void Gsctl_record_verify_exits_zero_on_a_whole_recording_and_one_on_a_damaged_one()
    {
        using var dir = new TempDirectory();
        var run = Path.Combine(dir.Path, "run");
        Record(run, [Block(0, IntensityClass.Signal, 100, 1), Block(1, IntensityClass.Decoy, 100, 2)]);
        var ok = GsctlProcess.Run("record", "verify", run);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("OK", ok.Stdout);

        File.AppendAllText(Path.Combine(run, "keys.gsk"), "x");
        var bad = GsctlProcess.Run("record", "verify", run);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("keys.gsk:", bad.Stderr);

        Assert.Equal(0, GsctlProcess.Run("record", "verify", "--help").ExitCode);
    }
}

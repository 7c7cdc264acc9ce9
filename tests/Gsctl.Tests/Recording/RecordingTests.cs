using GroundStation.Gsctl.Formats;
using GroundStation.Gsctl.Recording;
using GroundStation.Host.Keys;
using GroundStation.Host.Sifting;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

public class RecordingTests
{
    private const byte Signal = 0, Decoy = 1, Vacuum = 2;

    private static readonly KeyFileHeader Header = new(KeySide.Station, "station-1", "tx-1", "pass-1");

    /// <summary>A block of <paramref name="bits"/> random entries of one class, slots increasing, bases mixed.</summary>
    private static SiftedKeyBlock Block(long id, byte intensity, int bits, int seed)
    {
        var random = new Random(seed);
        var slot = id * 1_000_000L;
        var entries = new SiftedEntry[bits];
        for (var i = 0; i < bits; i++)
        {
            slot += 1 + random.Next(100);
            entries[i] = new SiftedEntry(slot, (byte)random.Next(2), intensity, (byte)random.Next(2));
        }

        return new SiftedKeyBlock(id, entries);
    }

    // Multiples of 125 ps: exact in 1/256 ns and in 1 ps ticks.
    private static readonly TimeTag[] Detections = [new(125, 0), new(125, 2), new(4000, 1), new(9_000_000_000, 3)];

    private static RecordingManifest Record(string dir, IEnumerable<SiftedKeyBlock> blocks)
    {
        using var writer = new RecordingWriter(dir, Header, SiftedContent.Sifted, [TimeTagFormat.QcryptoA1, TimeTagFormat.PtuT2]);
        foreach (var block in blocks)
        {
            writer.AddBlock(block.Number, block.Entries);
        }

        foreach (var tag in Detections)
        {
            writer.AddDetection(tag);
        }

        return writer.Complete(RecordingManifest.LiveMode);
    }

    [Fact]
    public void A_complete_recording_verifies_and_its_files_read_back_exactly()
    {
        using var dir = new TempDirectory();
        SiftedKeyBlock[] blocks = [Block(10, Signal, 1000, 1), Block(11, Decoy, 13, 2), Block(12, Signal, 8, 3)];
        var manifest = Record(dir.Path, blocks);

        Assert.Equal(3, manifest.Key.Blocks);
        Assert.Equal(1021, manifest.Key.Bits);
        Assert.Equal(1008, manifest.Key.BitsByIntensity["signal"]);
        Assert.Equal(13, manifest.Key.BitsByIntensity["decoy"]);
        Assert.Equal(1021, manifest.Key.BitsByBasis["z"] + manifest.Key.BitsByBasis["x"]);
        Assert.Equal(["detections.ptu", "detections.qcrypto-a1.bin", "manifest.json", "sifted.gsk"], dir.FileNames());

        var result = RecordingVerifier.Verify(dir.Path);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Contains("3 key blocks (blocks 10..12), 1021 sifted bits", result.Summary);

        var (header, content, read) = SiftedKeyFile.Read(dir.File("sifted.gsk"));
        Assert.Equal((Header, SiftedContent.Sifted), (header, content));
        Assert.Equal(blocks.Select(b => (b.Number, b.Entries.ToList())), read.Select(b => (b.Number, b.Entries.ToList())), new EntriesComparer());

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
        var manifest = Record(dir.Path, [Block(0, Vacuum, 64, 5)]);
        var keys = manifest.Files.Single(f => f.Name == "sifted.gsk");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(dir.File("sifted.gsk")))), keys.Sha256);
        Assert.Equal(new FileInfo(dir.File("sifted.gsk")).Length, keys.Bytes);
    }

    [Fact]
    public void A_gap_in_block_ids_is_recorded_as_missing_and_fails_verification()
    {
        using var dir = new TempDirectory();
        var manifest = Record(dir.Path, [Block(1, Signal, 16, 1), Block(4, Signal, 16, 2), Block(5, Signal, 16, 3)]);
        Assert.Equal([2L, 3L], manifest.Key.MissingBlockIds);
        var result = RecordingVerifier.Verify(dir.Path);
        Assert.Equal(["2 key blocks missing: 2..3"], result.Problems);
    }

    [Fact]
    public void A_flipped_byte_a_truncated_file_and_a_missing_manifest_are_each_caught()
    {
        using var dir = new TempDirectory();
        Record(dir.Path, [Block(0, Signal, 800, 1)]);
        var bytes = File.ReadAllBytes(dir.File("sifted.gsk"));
        bytes[60] ^= 1;
        File.WriteAllBytes(dir.File("sifted.gsk"), bytes);
        var problems = RecordingVerifier.Verify(dir.Path).Problems;
        Assert.Contains(problems, p => p.StartsWith("sifted.gsk: SHA-256 "));

        File.WriteAllBytes(dir.File("detections.ptu"), File.ReadAllBytes(dir.File("detections.ptu"))[..^4]);
        Assert.Contains(RecordingVerifier.Verify(dir.Path).Problems, p => p.StartsWith("detections.ptu: ") && p.Contains("bytes, the manifest says"));

        File.Delete(dir.File("manifest.json"));
        Assert.Contains("the recording did not complete", Assert.Single(RecordingVerifier.Verify(dir.Path).Problems));
    }

    [Fact]
    public void Block_ids_must_increase_and_a_recording_needs_an_empty_directory()
    {
        using var dir = new TempDirectory();
        var block = Block(3, Signal, 8, 1);
        using (var writer = new RecordingWriter(dir.Path, Header, SiftedContent.Sifted, []))
        {
            writer.AddBlock(block.Number, block.Entries);
            Assert.Throws<InvalidOperationException>(() => writer.AddBlock(block.Number, block.Entries));
        }

        Assert.Throws<IOException>(() => new RecordingWriter(dir.Path, Header, SiftedContent.Sifted, []));
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
        Record(run, [Block(0, Signal, 100, 1), Block(1, Decoy, 100, 2)]);
        var ok = GsctlProcess.Run("record", "verify", run);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("OK", ok.Stdout);

        File.AppendAllText(Path.Combine(run, "sifted.gsk"), "x");
        var bad = GsctlProcess.Run("record", "verify", run);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("sifted.gsk:", bad.Stderr);

        Assert.Equal(0, GsctlProcess.Run("record", "verify", "--help").ExitCode);
    }

    /// <summary>Compares (block number, entries) pairs by value.</summary>
    private sealed class EntriesComparer : IEqualityComparer<(long Number, List<SiftedEntry> Entries)>
    {
        public bool Equals((long Number, List<SiftedEntry> Entries) x, (long Number, List<SiftedEntry> Entries) y) =>
            x.Number == y.Number && x.Entries.SequenceEqual(y.Entries);

        public int GetHashCode((long Number, List<SiftedEntry> Entries) obj) => obj.Number.GetHashCode();
    }
}

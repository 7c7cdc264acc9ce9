using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Formats;
using GroundStation.Host.Keys;
using GroundStation.Host.Sifting;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Writes one recording directory (0700): the station's sifted-key file (protocol/KEY_FILES.md; `sifted.gsk` of a
/// live recording, `detections.gsk` of a post-pass one; 0600), optional raw detection dumps (qcrypto a1 and/or PTU T2)
/// and, on <see cref="Complete"/>, manifest.json with counts and SHA-256 checksums. Data files are written as they come
/// (a crash keeps what arrived); the manifest appears only when the recording completed. Blocks arrive in increasing
/// number (the link delivers them in order); a jump is recorded as missing blocks.
/// </summary>
internal sealed class RecordingWriter : IDisposable
{
    public const string SiftedFileName = "sifted" + SiftedKeyFile.Extension;
    public const string DetectionsFileName = "detections" + SiftedKeyFile.Extension;

    private readonly string _directory;
    private readonly HashingFile _keys;
    private readonly SiftedKeyWriter _keyWriter;
    private readonly SiftedContent _content;
    private readonly List<(HashingFile File, ITimeTagWriter Writer, TimeTagFormat Format)> _dumps = new();
    private readonly List<long> _dumpCounts = new();
    private readonly List<long> _gaps = new();
    private readonly SortedSet<long> _discarded = new();
    private readonly Dictionary<string, long> _bitsByIntensity = new() { ["signal"] = 0, ["decoy"] = 0, ["vacuum"] = 0, ["unknown"] = 0 };
    private readonly Dictionary<string, long> _bitsByBasis = new() { ["z"] = 0, ["x"] = 0 };
    private long? _firstBlockId;
    private long? _lastBlockId;
    private long _bits;
    private bool _completed;

    public RecordingWriter(string directory, KeyFileHeader header, SiftedContent content, IEnumerable<TimeTagFormat> detectionFormats)
    {
        _directory = directory;
        _content = content;
        SecretFiles.CreateDirectory(directory); // it holds keys
        if (Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"{directory} is not empty; a recording goes into a new directory");
        }

        _keys = new HashingFile(SecretFiles.Create(Path.Combine(directory, KeyFileName(content))));
        _keyWriter = new SiftedKeyWriter(_keys, header, content);
        foreach (var format in detectionFormats.Distinct())
        {
            var file = new HashingFile(new FileStream(Path.Combine(directory, DetectionFileName(format)), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16));
            _dumps.Add((file, TimeTagFormats.CreateWriter(file, format), format));
            _dumpCounts.Add(0);
        }
    }

    public static string KeyFileName(SiftedContent content) => content == SiftedContent.Detections ? DetectionsFileName : SiftedFileName;

    public static string DetectionFileName(TimeTagFormat format) => format switch
    {
        TimeTagFormat.PtuT2 => "detections.ptu",
        TimeTagFormat.QcryptoA1 => "detections.qcrypto-a1.bin",
        TimeTagFormat.QcryptoA1Swapped => "detections.qcrypto-a1x.bin",
        TimeTagFormat.QcryptoRaw => "detections.qcrypto-raw.bin",
        _ => "detections.csv",
    };

    public long Blocks => _keyWriter.Blocks;

    public long Bits => _bits;

    public long Detections { get; private set; }

    /// <summary>Appends a block of the station's key file. Detections (post-pass) are written with class unknown (3).</summary>
    public void AddBlock(long number, IReadOnlyList<SiftedEntry> entries)
    {
        if (_lastBlockId is { } last)
        {
            for (var id = last + 1; id < number; id++)
            {
                _gaps.Add(id);
            }
        }

        var written = _content == SiftedContent.Detections
            ? entries.Select(e => e with { IntensityClass = SiftedKeyFile.UnknownClass }).ToArray()
            : entries;
        _keyWriter.Add(number, written);
        _firstBlockId ??= number;
        _lastBlockId = number;
        _bits += written.Count;
        foreach (var e in written)
        {
            _bitsByIntensity[IntensityName(e.IntensityClass)]++;
            _bitsByBasis[e.Basis == SiftCodes.BasisZ ? "z" : "x"]++;
        }
    }

    /// <summary>Records that the intrusion alarm discarded block <paramref name="number"/> (a gap that is not a loss).</summary>
    public void AddDiscarded(long number) => _discarded.Add(number);

    public void AddDetection(in TimeTag tag)
    {
        for (var i = 0; i < _dumps.Count; i++)
        {
            if (_dumps[i].Writer.Write(tag))
            {
                _dumpCounts[i]++;
            }
        }

        Detections++;
    }

    public static string IntensityName(int intensityClass) => intensityClass switch
    {
        SiftCodes.ClassSignal => "signal",
        SiftCodes.ClassDecoy => "decoy",
        SiftCodes.ClassVacuum => "vacuum",
        _ => "unknown",
    };

    /// <summary>Closes the data files and writes the manifest (with <paramref name="report"/>'s fields at its top level). Returns it.</summary>
    public RecordingManifest Complete(string mode, JsonObject? report = null)
    {
        if (_completed)
        {
            throw new InvalidOperationException("the recording is already complete");
        }

        _completed = true;
        _keyWriter.Complete();
        var files = new List<ManifestFile> { _keys.Close(_content == SiftedContent.Detections ? "detections" : "sifted-key", _keyWriter.Blocks) };
        for (var i = 0; i < _dumps.Count; i++)
        {
            var (file, writer, format) = _dumps[i];
            writer.Finish();
            writer.Dispose();
            files.Add(file.Close(TimeTagFormats.NameOf(format), _dumpCounts[i]));
        }

        var manifest = new RecordingManifest(RecordingManifest.FormatName, RecordingManifest.CurrentVersion, DateTimeOffset.UtcNow, mode,
            new KeyAccounting(_keyWriter.Blocks, _firstBlockId, _lastBlockId, _gaps.Where(g => !_discarded.Contains(g)).ToArray(),
                _discarded.ToArray(), _bits, _bitsByIntensity, _bitsByBasis), files)
        {
            Report = Extension(report),
        };
        Write(_directory, manifest);
        return manifest;
    }

    /// <summary>Writes manifest.json atomically (a recording's last file).</summary>
    public static void Write(string directory, RecordingManifest manifest) =>
        AtomicFile.Write(Path.Combine(directory, RecordingManifest.FileName),
            stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJson() + "\n")));

    public static Dictionary<string, JsonElement>? Extension(JsonObject? report) =>
        report?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));

    public void Dispose()
    {
        if (!_completed)
        {
            _keys.Dispose();
            foreach (var (file, writer, _) in _dumps)
            {
                writer.Dispose();
                file.Dispose();
            }
        }
    }

    /// <summary>A file stream that hashes what is written so the manifest does not need to read the file back.</summary>
    private sealed class HashingFile(FileStream file) : Stream
    {
        private readonly FileStream _file = file;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;
        public override bool CanSeek => false; // PTU's record count stays 0 (read to end); the manifest holds the count.
        public override bool CanWrite => true;
        public override long Length => _file.Length;
        public override long Position { get => _file.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _file.Write(buffer);
            _hash.AppendData(buffer);
        }

        public override void Flush() => _file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public ManifestFile Close(string kind, long records)
        {
            _file.Flush(flushToDisk: true);
            var entry = new ManifestFile(Path.GetFileName(_file.Name), kind, _file.Length,
                Convert.ToHexStringLower(_hash.GetHashAndReset()), records);
            Dispose();
            return entry;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

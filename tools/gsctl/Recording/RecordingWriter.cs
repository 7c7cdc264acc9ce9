using System.Security.Cryptography;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Formats;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// Writes one recording directory: the sifted-key stream (keys.gsk), optional raw detection dumps (qcrypto a1
/// and/or PTU T2) and, on <see cref="Complete"/>, manifest.json with counts and SHA-256 checksums. Data files are
/// written as they come (a crash keeps what arrived); the manifest appears only when the recording completed.
/// Key blocks must arrive in increasing id order (the link delivers them in order); a jump in ids is recorded
/// as missing blocks, so a later stage can tell "lost" from "never existed".
/// </summary>
internal sealed class RecordingWriter : IDisposable
{
    public const string KeyFileName = "keys.gsk";

    private readonly string _directory;
    private readonly HashingFile _keys;
    private readonly List<(HashingFile File, ITimeTagWriter Writer, TimeTagFormat Format)> _dumps = new();
    private readonly List<long> _dumpCounts = new();
    private readonly List<long> _missing = new();
    private readonly Dictionary<string, long> _bitsByIntensity = new()
    {
        ["signal"] = 0, ["decoy"] = 0, ["vacuum"] = 0,
    };

    private long _blocks;
    private long? _firstBlockId;
    private long? _lastBlockId;
    private long _bits;
    private bool _completed;

    public RecordingWriter(string directory, IEnumerable<TimeTagFormat> detectionFormats)
    {
        _directory = directory;
        SecretFiles.CreateDirectory(directory); // it holds keys
        if (Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"{directory} is not empty; a recording goes into a new directory");
        }

        _keys = new HashingFile(SecretFiles.Create(Path.Combine(directory, KeyFileName)));
        KeyStreamFile.WriteMagic(_keys);
        foreach (var format in detectionFormats.Distinct())
        {
            var file = new HashingFile(new FileStream(Path.Combine(directory, DetectionFileName(format)), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16));
            _dumps.Add((file, TimeTagFormats.CreateWriter(file, format), format));
            _dumpCounts.Add(0);
        }
    }

    public static string DetectionFileName(TimeTagFormat format) => format switch
    {
        TimeTagFormat.PtuT2 => "detections.ptu",
        TimeTagFormat.QcryptoA1 => "detections.qcrypto-a1.bin",
        TimeTagFormat.QcryptoA1Swapped => "detections.qcrypto-a1x.bin",
        TimeTagFormat.QcryptoRaw => "detections.qcrypto-raw.bin",
        _ => "detections.csv",
    };

    public long Blocks => _blocks;

    public long Detections { get; private set; }

    public void AddKeyBlock(SiftedKeyBlock block)
    {
        if (block.Bits.Length != SiftedKeyBlock.BytesFor(block.BitCount))
        {
            throw new ArgumentException($"block {block.BlockId}: {block.BitCount} bits need {SiftedKeyBlock.BytesFor(block.BitCount)} bytes, got {block.Bits.Length}");
        }

        if (_lastBlockId is { } last)
        {
            if (block.BlockId <= last)
            {
                throw new InvalidOperationException($"block {block.BlockId} arrived after block {last}; ids must increase");
            }

            for (var id = last + 1; id < block.BlockId; id++)
            {
                _missing.Add(id);
            }
        }

        _firstBlockId ??= block.BlockId;
        _lastBlockId = block.BlockId;
        KeyStreamFile.WriteBlock(_keys, block);
        _blocks++;
        _bits += block.BitCount;
        _bitsByIntensity[IntensityName(block.Intensity)] += block.BitCount;
    }

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

    public static string IntensityName(IntensityClass intensity) => intensity switch
    {
        IntensityClass.Signal => "signal",
        IntensityClass.Decoy => "decoy",
        _ => "vacuum",
    };

    /// <summary>Closes the data files and writes the manifest. Returns it.</summary>
    public RecordingManifest Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("the recording is already complete");
        }

        _completed = true;
        var files = new List<ManifestFile> { _keys.Close("sifted-key", _blocks) };
        for (var i = 0; i < _dumps.Count; i++)
        {
            var (file, writer, format) = _dumps[i];
            writer.Finish();
            writer.Dispose();
            files.Add(file.Close(TimeTagFormats.NameOf(format), _dumpCounts[i]));
        }

        var manifest = new RecordingManifest(RecordingManifest.FormatName, RecordingManifest.CurrentVersion, DateTimeOffset.UtcNow,
            new KeyAccounting(_blocks, _firstBlockId, _lastBlockId, _missing.ToArray(), _bits, _bitsByIntensity), files);
        AtomicFile.Write(Path.Combine(_directory, RecordingManifest.FileName),
            stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJson() + "\n")));
        return manifest;
    }

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

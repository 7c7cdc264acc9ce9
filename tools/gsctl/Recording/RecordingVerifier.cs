using System.Security.Cryptography;
using System.Text.Json;
using GroundStation.Gsctl.Formats;
using GroundStation.Host.Keys;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Recording;

/// <summary>The outcome of checking a recording against its manifest: problems (each one line) and a summary.</summary>
internal sealed record VerificationResult(IReadOnlyList<string> Problems, string Summary)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Proves a recording directory whole: every file the manifest lists has its size and SHA-256; the key stream
/// parses, its blocks, bits per intensity class and gaps equal the manifest's; the raw dumps hold the listed
/// number of events; and no block id between the first and the last is missing.
/// </summary>
internal static class RecordingVerifier
{
    public static VerificationResult Verify(string directory)
    {
        var problems = new List<string>();
        var manifestPath = Path.Combine(directory, RecordingManifest.FileName);
        if (!Directory.Exists(directory))
        {
            return new VerificationResult([$"{directory}: no such directory"], "");
        }

        if (!File.Exists(manifestPath))
        {
            return new VerificationResult([$"{directory}: no {RecordingManifest.FileName}: the recording did not complete"], "");
        }

        RecordingManifest manifest;
        try
        {
            manifest = RecordingManifest.FromJson(File.ReadAllText(manifestPath));
        }
        catch (JsonException e)
        {
            return new VerificationResult([$"{manifestPath}: not a valid manifest: {e.Message}"], "");
        }

        if (manifest.Format != RecordingManifest.FormatName || manifest.Version != RecordingManifest.CurrentVersion)
        {
            return new VerificationResult(
                [$"{manifestPath}: format {manifest.Format} version {manifest.Version} is not {RecordingManifest.FormatName} version {RecordingManifest.CurrentVersion}"], "");
        }

        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(directory, file.Name);
            if (file.Name.Contains('/') || file.Name.Contains('\\') || !File.Exists(path))
            {
                problems.Add($"{file.Name}: listed in the manifest but missing");
                continue;
            }

            var length = new FileInfo(path).Length;
            if (length != file.Bytes)
            {
                problems.Add($"{file.Name}: {length} bytes, the manifest says {file.Bytes}");
                continue;
            }

            using (var stream = File.OpenRead(path))
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
                if (sha != file.Sha256)
                {
                    problems.Add($"{file.Name}: SHA-256 {sha} differs from the manifest's {file.Sha256}");
                    continue;
                }
            }

            try
            {
                if (file.Kind is "sifted-key" or "detections")
                {
                    CheckKeys(path, file, manifest.Key, problems);
                }
                else
                {
                    CheckDetections(path, file, problems);
                }
            }
            catch (MalformedFileException e)
            {
                problems.Add($"{file.Name}: {e.Message}");
            }
            catch (KeyFileFormatException e)
            {
                problems.Add($"{file.Name}: {e.Message}");
            }
        }

        if (manifest.Files.All(f => f.Kind is not ("sifted-key" or "detections")))
        {
            problems.Add("the manifest lists no sifted-key file");
        }

        var key = manifest.Key;
        if (key.MissingBlockIds.Count > 0)
        {
            problems.Add($"{key.MissingBlockIds.Count} key blocks missing: {Ranges(key.MissingBlockIds)}");
        }

        var range = key.FirstBlockId is { } first ? $"blocks {first}..{key.LastBlockId}" : "no blocks";
        var summary = $"{key.Blocks} key blocks ({range}), {key.Bits} sifted bits " +
                      $"({string.Join(", ", key.BitsByIntensity.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value}"))}), " +
                      $"{manifest.Files.Count} files checked";
        return new VerificationResult(problems, summary);
    }

    private static void CheckKeys(string path, ManifestFile file, KeyAccounting key, List<string> problems)
    {
        var (_, _, blocks) = SiftedKeyFile.Read(path);
        var gaps = new List<long>();
        var byIntensity = new Dictionary<string, long>();
        var byBasis = new Dictionary<string, long>();
        long bits = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            for (var id = i == 0 ? blocks[0].Number : blocks[i - 1].Number + 1; id < blocks[i].Number; id++)
            {
                gaps.Add(id);
            }

            foreach (var entry in blocks[i].Entries)
            {
                bits++;
                var name = RecordingWriter.IntensityName(entry.IntensityClass);
                byIntensity[name] = byIntensity.GetValueOrDefault(name) + 1;
                var basis = entry.Basis == SiftCodes.BasisZ ? "z" : "x";
                byBasis[basis] = byBasis.GetValueOrDefault(basis) + 1;
            }
        }

        if (blocks.Count != file.Records || blocks.Count != key.Blocks)
        {
            problems.Add($"{file.Name}: {blocks.Count} blocks, the manifest says {key.Blocks}");
        }

        if (bits != key.Bits)
        {
            problems.Add($"{file.Name}: {bits} bits, the manifest says {key.Bits}");
        }

        foreach (var (name, count) in key.BitsByIntensity.Concat(key.BitsByBasis))
        {
            var found = byIntensity.GetValueOrDefault(name) + byBasis.GetValueOrDefault(name);
            if (found != count)
            {
                problems.Add($"{file.Name}: {found} {name} bits, the manifest says {count}");
            }
        }

        if (!gaps.SequenceEqual(key.MissingBlockIds.Concat(key.DiscardedBlockIds.Where(d => d > (key.FirstBlockId ?? long.MaxValue) && d < (key.LastBlockId ?? long.MinValue))).Order()))
        {
            problems.Add($"{file.Name}: gaps in block ids ({Ranges(gaps)}) differ from the manifest's missing list ({Ranges(key.MissingBlockIds)})");
        }
    }

    private static void CheckDetections(string path, ManifestFile file, List<string> problems)
    {
        TimeTagFormat format;
        try
        {
            format = TimeTagFormats.Parse(file.Kind);
        }
        catch (Cli.UserError)
        {
            problems.Add($"{file.Name}: unknown kind {file.Kind}");
            return;
        }

        using var stream = File.OpenRead(path);
        var events = TimeTagFormats.Read(stream, format).LongCount();
        if (events != file.Records)
        {
            problems.Add($"{file.Name}: {events} events, the manifest says {file.Records}");
        }
    }

    /// <summary>"3, 7..9" for [3, 7, 8, 9]; at most ten ranges, then "...".</summary>
    public static string Ranges(IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return "none";
        }

        var parts = new List<string>();
        var start = ids[0];
        for (var i = 1; i <= ids.Count; i++)
        {
            if (i < ids.Count && ids[i] == ids[i - 1] + 1)
            {
                continue;
            }

            parts.Add(start == ids[i - 1] ? $"{start}" : $"{start}..{ids[i - 1]}");
            if (i < ids.Count)
            {
                start = ids[i];
            }
        }

        return parts.Count <= 10 ? string.Join(", ", parts) : string.Join(", ", parts.Take(10)) + ", ...";
    }
}

namespace GroundStation.Host.Keys;

/// <summary>
/// A directory of final keys, one `&lt;key id&gt;.key` file each (<see cref="FinalKeyFile"/>): the directory 0700, the
/// files 0600 (<see cref="SecretFiles"/>), a key never overwritten. Key ids are file-name safe (Distillation/KeyIds).
/// </summary>
public sealed class KeyStore(string directory)
{
    public string Directory { get; } = directory;

    public string PathOf(string keyId)
    {
        if (keyId.Length == 0 || keyId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) || keyId.StartsWith('.'))
        {
            throw new ArgumentException($"'{keyId}' is not a key id this store accepts ([A-Za-z0-9._-], not starting with a dot)");
        }

        return Path.Combine(Directory, keyId + FinalKeyFile.Extension);
    }

    /// <summary>Writes a new key file (fails when one with that id exists). Returns its path.</summary>
    public string Write(FinalKey key)
    {
        SecretFiles.CreateDirectory(Directory);
        var path = PathOf(key.KeyId);
        using (var stream = SecretFiles.Create(path))
        {
            FinalKeyFile.Write(stream, key);
            stream.Flush(flushToDisk: true);
        }

        return path;
    }

    public FinalKey Read(string keyId)
    {
        using var stream = new FileStream(PathOf(keyId), FileMode.Open, FileAccess.Read, FileShare.Read);
        return FinalKeyFile.Read(stream);
    }

    /// <summary>Key ids held, in name order.</summary>
    public IReadOnlyList<string> KeyIds() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, "*" + FinalKeyFile.Extension).Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToList()
        : [];
}

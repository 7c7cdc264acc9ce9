using System.Text;

namespace GroundStation.Host.Distillation;

/// <summary>
/// Key ids: the same on both sides, made of the pass id and the peer session id (protocol/PEER.md section 8.1), safe
/// as a file name ([A-Za-z0-9._-], at most 64 bytes as the KeyCommit string allows). The pool segment appended from a
/// final key is named by the key id plus <see cref="AuthSuffix"/>.
/// </summary>
public static class KeyIds
{
    public const string AuthSuffix = ".auth";

    public static string For(string passId, ulong sessionId)
    {
        var safe = new StringBuilder();
        foreach (var c in passId)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var prefix = safe.Length == 0 ? "pass" : safe.ToString();
        var suffix = $"-{sessionId:x16}";
        var room = 64 - suffix.Length - AuthSuffix.Length;
        return (prefix.Length > room ? prefix[..room] : prefix) + suffix;
    }
}

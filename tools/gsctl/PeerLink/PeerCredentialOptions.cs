using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Gsctl.PeerLink;

/// <summary>
/// `--auth`, `--key-pool FILE` (information-theoretic: this side's copy of the Wegman-Carter key pool, see `gsctl pool
/// create`) and `--psk FILE` (computational: a pre-shared HMAC key of 32-4096 random bytes, mode 0600). Each side
/// has its own copy; a file that is missing, readable by others or damaged is one line, exit 2.
/// </summary>
internal sealed class PeerCredentialOptions
{
    public Option<string> Auth { get; } = PeerChoices.AuthOption();

    public Option<FileInfo?> KeyPool { get; } = new("--key-pool")
    {
        Description = "This side's copy of the authentication key pool (--auth its; `gsctl pool create` makes a pair).",
    };

    public Option<FileInfo?> Psk { get; } = new("--psk")
    {
        Description = "Pre-shared key file for --auth hmac-sha256-computational (32-4096 random bytes, mode 0600).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Auth);
        command.Options.Add(KeyPool);
        command.Options.Add(Psk);
    }

    /// <summary>The credentials, and the pool when one is used (the caller disposes it and appends replenishment to it).</summary>
    public (PeerCredentials Credentials, AuthenticationKeyPool? Pool) Load(ParseResult parse)
    {
        var mode = PeerChoices.Authentication(parse.GetValue(Auth)!);
        var pool = parse.GetValue(KeyPool);
        var psk = parse.GetValue(Psk);
        try
        {
            if (mode == AuthenticationMode.InformationTheoreticWegmanCarter)
            {
                if (pool is null || psk is not null)
                {
                    throw new UserError("--auth its needs --key-pool FILE (and no --psk); `gsctl pool create` makes a pair of pool copies", ExitCodes.Usage);
                }

                var opened = AuthenticationKeyPool.Open(pool.FullName);
                return (PeerCredentials.InformationTheoretic(opened), opened);
            }

            if (psk is null || pool is not null)
            {
                throw new UserError($"--auth {PeerChoices.Hmac} needs --psk FILE (and no --key-pool)", ExitCodes.Usage);
            }

            return (PeerCredentials.ComputationalHmacSha256(PreSharedKey.Load(psk.FullName)), null);
        }
        catch (KeyFileException e)
        {
            throw new UserError(e.Message, ExitCodes.Usage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{(pool ?? psk)!.FullName}: {e.Message}", ExitCodes.Usage);
        }
    }
}

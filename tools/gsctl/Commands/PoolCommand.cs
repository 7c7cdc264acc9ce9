using System.CommandLine;
using System.Security.Cryptography;
using GroundStation.Gsctl.Cli;
using GroundStation.Host.Keys;
using GroundStation.Peer.Authentication;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl pool create`: a matched pair of authentication key pools (protocol/PEER.md section 6.5) from fresh random
/// bytes, one copy for the station and one for the transmitter side, each 0600 with its own usage file. In a real
/// deployment the pre-shared secret is carried to the other side over a trusted channel; this makes both copies.
/// </summary>
internal static class PoolCommand
{
    public static Command Create()
    {
        var station = new Option<string>("--station") { Description = "The station's copy (new file).", Required = true };
        var transmitter = new Option<string>("--transmitter") { Description = "The transmitter side's copy (new file).", Required = true };
        var bytes = new Option<int>("--bytes")
        {
            Description = "Pre-shared secret size in bytes (default 1 MiB = 8 Mbit, about 30 post-pass sessions' worth).",
            DefaultValueFactory = _ => 1 << 20,
        }.InRange(1024, 1 << 28, "bytes");
        var create = new Command("create", "Create a matched pair of Wegman-Carter key pools (0600) from fresh random bytes.")
        {
            station, transmitter, bytes,
        };
        create.SetAction(parse => CommandRunner.Run(() =>
        {
            var stationPath = parse.GetValue(station)!;
            var transmitterPath = parse.GetValue(transmitter)!;
            if (Path.GetFullPath(stationPath) == Path.GetFullPath(transmitterPath))
            {
                throw new UserError("--station and --transmitter must be two different files", ExitCodes.Usage);
            }

            var secret = RandomNumberGenerator.GetBytes(parse.GetValue(bytes));
            try
            {
                foreach (var path in new[] { stationPath, transmitterPath })
                {
                    if (File.Exists(path))
                    {
                        throw new UserError($"{path} exists; a key pool is never overwritten", ExitCodes.Usage);
                    }
                }

                using (AuthenticationKeyPool.Create(stationPath, secret, "preshared"))
                {
                }

                using (var copy = SecretFiles.Create(transmitterPath))
                {
                    copy.Write(File.ReadAllBytes(stationPath));
                }

                using (AuthenticationKeyPool.Open(transmitterPath, firstUse: true))
                {
                }
            }
            catch (KeyFileException e)
            {
                throw new UserError(e.Message, ExitCodes.Usage);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError(e.Message, ExitCodes.Usage);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            Console.WriteLine($"key pools: {stationPath} (station), {transmitterPath} (transmitter), {secret.Length * 8L} bits each");
            return ExitCodes.Ok;
        }));
        return new Command("pool", "Authentication key pools of the peer link (information-theoretic mode).") { create };
    }
}

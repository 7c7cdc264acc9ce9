using System.Security.Cryptography;
using GroundStation.Host.Keys;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// A fresh pre-shared secret for the two sides of a simulated pass, each side with its own copy as the real ones have:
/// a Wegman-Carter key pool created from random bytes and copied (each copy with its own usage file), or a random
/// pre-shared HMAC key (computational). Kept in a private temporary directory (0700) that <see cref="Dispose"/> removes.
/// </summary>
public sealed class SimulatedCredentials : IDisposable
{
    /// <summary>32 Mbit: more than a live 300 s pass spends with a frame per announcement batch.</summary>
    public const int DefaultPoolBytes = 4 << 20;

    private readonly string _directory;
    private readonly AuthenticationKeyPool? _stationPool;
    private readonly AuthenticationKeyPool? _transmitterPool;

    public SimulatedCredentials(AuthenticationMode mode, int poolBytes = DefaultPoolBytes)
    {
        _directory = Path.Combine(Path.GetTempPath(), $"gsctl-sim-keys-{Environment.ProcessId}-{Guid.NewGuid():N}");
        SecretFiles.CreateDirectory(_directory);
        var secret = RandomNumberGenerator.GetBytes(mode == AuthenticationMode.InformationTheoreticWegmanCarter ? poolBytes : 32);
        try
        {
            if (mode == AuthenticationMode.InformationTheoreticWegmanCarter)
            {
                var stationPath = Path.Combine(_directory, "station.pool");
                var transmitterPath = Path.Combine(_directory, "transmitter.pool");
                _stationPool = AuthenticationKeyPool.Create(stationPath, secret, "simulated-preshared");
                using (var copy = SecretFiles.Create(transmitterPath))
                {
                    copy.Write(File.ReadAllBytes(stationPath));
                }

                _transmitterPool = AuthenticationKeyPool.Open(transmitterPath, firstUse: true);
                Station = PeerCredentials.InformationTheoretic(_stationPool);
                Transmitter = PeerCredentials.InformationTheoretic(_transmitterPool);
            }
            else
            {
                var key = PreSharedKey.FromBytes(secret);
                Station = Transmitter = PeerCredentials.ComputationalHmacSha256(key);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        PoolBits = mode == AuthenticationMode.InformationTheoreticWegmanCarter ? poolBytes * 8L : 0;
    }

    public PeerCredentials Station { get; } = null!;

    public PeerCredentials Transmitter { get; } = null!;

    /// <summary>Size of each side's pool (0 in the computational mode).</summary>
    public long PoolBits { get; }

    public void Dispose()
    {
        _stationPool?.Dispose();
        _transmitterPool?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover private directory of a simulated pool.
        }
    }
}

using GroundStation.Peer.Authentication;
using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Session;

/// <summary>
/// The key a session authenticates with: the information-theoretic key pool or the COMPUTATIONAL pre-shared HMAC key.
/// The factory names say which (<see cref="InformationTheoretic"/>, <see cref="ComputationalHmacSha256"/>).
/// </summary>
public abstract class PeerCredentials
{
    public abstract AuthenticationMode Mode { get; }

    internal abstract byte[] KeyId { get; }

    internal abstract byte[] LedgerDigest { get; }

    internal abstract long PoolUsedBytes { get; }

    internal abstract long PoolBytes { get; }

    /// <summary>Held from building a Hello until the connection's pool region is reserved, so two connections never
    /// agree on the same pool bytes; null when no pool is spent (HMAC).</summary>
    internal abstract SemaphoreSlim? HandshakeGate { get; }

    internal abstract IFrameAuthenticator CreateAuthenticator(ConnectionAgreement agreement);

    /// <summary>Frames per direction a connection starting now could authenticate (long.MaxValue with HMAC).</summary>
    internal abstract long FramesAvailable(long poolStart, int epochFrames);

    /// <summary>Wegman-Carter with one-time-padded tags from <paramref name="pool"/>: information-theoretically secure.</summary>
    public static PeerCredentials InformationTheoretic(AuthenticationKeyPool pool) => new PoolCredentials(pool);

    /// <summary>HMAC-SHA256 with a pre-shared key: COMPUTATIONALLY secure only.</summary>
    public static PeerCredentials ComputationalHmacSha256(PreSharedKey key) => new HmacCredentials(key);

    public override string ToString() => Mode.Describe();

    private sealed class PoolCredentials(AuthenticationKeyPool pool) : PeerCredentials
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AuthenticationKeyPool, SemaphoreSlim> Gates = new();

        public override AuthenticationMode Mode => AuthenticationMode.InformationTheoreticWegmanCarter;

        internal override byte[] KeyId => pool.PoolId;

        internal override byte[] LedgerDigest => pool.LedgerDigest;

        internal override long PoolUsedBytes => pool.UsedBytes;

        internal override long PoolBytes => pool.TotalBytes;

        internal override SemaphoreSlim HandshakeGate => Gates.GetValue(pool, _ => new SemaphoreSlim(1, 1));

        internal override IFrameAuthenticator CreateAuthenticator(ConnectionAgreement agreement) =>
            new WegmanCarterAuthenticator(pool, new PadSchedule(agreement.PoolStart, agreement.EpochFrames, pool.TotalBytes));

        internal override long FramesAvailable(long poolStart, int epochFrames) =>
            epochFrames is < PadSchedule.MinEpochFrames or > PadSchedule.MaxEpochFrames
                ? 0
                : new PadSchedule(poolStart, epochFrames, pool.TotalBytes).FramesPerDirection;
    }

    private sealed class HmacCredentials(PreSharedKey key) : PeerCredentials
    {
        public override AuthenticationMode Mode => AuthenticationMode.ComputationalHmacSha256;

        internal override byte[] KeyId => key.Id;

        internal override byte[] LedgerDigest => new byte[16];

        internal override long PoolUsedBytes => 0;

        internal override long PoolBytes => 0;

        internal override SemaphoreSlim? HandshakeGate => null;

        internal override IFrameAuthenticator CreateAuthenticator(ConnectionAgreement agreement) =>
            new HmacSha256Authenticator(key, agreement.Initiator.Nonce, agreement.Responder.Nonce);

        internal override long FramesAvailable(long poolStart, int epochFrames) => long.MaxValue;
    }
}

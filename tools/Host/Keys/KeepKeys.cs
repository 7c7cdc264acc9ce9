using GroundStation.Host.Distillation;
using GroundStation.Peer.Authentication;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.Host.Keys;

/// <summary>
/// What a side does once its session completed (never before: protocol/PEER.md section 9.3): stores the output key
/// in its key store and appends the replenishment segment to its authentication key pool under the key id plus
/// <see cref="KeyIds.AuthSuffix"/> (both sides append the same bits in the same order, so the ledgers agree again).
/// </summary>
public static class KeepKeys
{
    /// <summary>Returns the stored key's path, or null when the pass produced no output key.</summary>
    public static string? Keep(KeyStore store, string keyId, KeyFileHeader holder, BitString? outputKey, BitString? authSegment,
        AuthenticationKeyPool? pool)
    {
        if (authSegment is not null && pool is not null)
        {
            pool.Append(keyId + KeyIds.AuthSuffix, KeyBytes.Of(authSegment));
        }

        return outputKey is { Length: > 0 } ? store.Write(new FinalKey(keyId, holder, DateTimeOffset.UtcNow, outputKey)) : null;
    }
}

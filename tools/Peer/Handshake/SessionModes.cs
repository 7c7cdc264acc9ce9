namespace GroundStation.Peer.Handshake;

/// <summary>
/// How every frame is authenticated. Only <see cref="InformationTheoreticWegmanCarter"/> is information-theoretically
/// secure; <see cref="ComputationalHmacSha256"/> rests on SHA-256 and says so in its name, on the wire (value 2) and in
/// every description (<see cref="SessionModes.Describe(AuthenticationMode)"/>).
/// </summary>
public enum AuthenticationMode : byte
{
    /// <summary>Polynomial hash over GF(2^127 - 1), tag one-time-padded with fresh bits of the authentication key pool.</summary>
    InformationTheoreticWegmanCarter = 1,

    /// <summary>HMAC-SHA256 (tag truncated to 128 bits) with a pre-shared key: computationally secure only.</summary>
    ComputationalHmacSha256 = 2,
}

/// <summary>When the session runs relative to the pass.</summary>
public enum PeerOperation : byte
{
    /// <summary>During the pass: announcements relayed as the firmware produces them.</summary>
    LivePass = 1,

    /// <summary>After the pass: the station replays the announcements it kept; sifting and post-processing follow.</summary>
    PostPass = 2,
}

/// <summary>The error-correction method of the session (tools/PostProcessing).</summary>
public enum ReconciliationMethod : byte
{
    /// <summary>Interactive Cascade with BICONF: the station asks parities, the transmitter answers.</summary>
    Cascade = 1,

    /// <summary>One-way rate-adaptive LDPC: the transmitter sends syndromes, no round trip per frame.</summary>
    Ldpc = 2,
}

public static class SessionModes
{
    /// <summary>The one-line description used in logs and errors.</summary>
    public static string Describe(this AuthenticationMode mode) => mode switch
    {
        AuthenticationMode.InformationTheoreticWegmanCarter =>
            "information-theoretic (Wegman-Carter: polynomial hash over GF(2^127-1), one-time-padded tags from the key pool)",
        AuthenticationMode.ComputationalHmacSha256 =>
            "COMPUTATIONAL ONLY (HMAC-SHA256 with a pre-shared key; not information-theoretically secure)",
        _ => $"unknown authentication mode {(byte)mode}",
    };

    public static string Describe(this PeerOperation operation) => operation switch
    {
        PeerOperation.LivePass => "live pass",
        PeerOperation.PostPass => "post-pass",
        _ => $"unknown operation {(byte)operation}",
    };

    public static string Describe(this ReconciliationMethod method) => method switch
    {
        ReconciliationMethod.Cascade => "Cascade (interactive)",
        ReconciliationMethod.Ldpc => "LDPC (one-way)",
        _ => $"unknown reconciliation {(byte)method}",
    };
}

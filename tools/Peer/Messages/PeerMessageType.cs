namespace GroundStation.Peer.Messages;

/// <summary>
/// Message types carried in Data frames (protocol/PEER.md section 5). 0x40-0x46 are the serial link's sifting
/// payloads relayed byte for byte (same numbers as GroundStation.Protocol.MessageType); 0x60-0x6F pass control;
/// 0x80-0x8F post-processing (the records of tools/PostProcessing).
/// </summary>
public enum PeerMessageType : byte
{
    SiftAnnounce = 0x40,
    SiftMatch = 0x41,
    SiftBlockClosed = 0x42,
    SiftEstimateSample = 0x44,
    SiftEstimateReference = 0x45,
    SiftEstimateResult = 0x46,

    /// <summary>Station to transmitter: sifting of the pass is over (block count, key-stream bits).</summary>
    SiftingComplete = 0x60,

    /// <summary>Transmitter to station: its test-basis (X) bits of an accepted block, for the phase-error count.</summary>
    TestBasisBits = 0x61,

    /// <summary>Transmitter to station, first: the source's intensities, their probabilities and P(Z).</summary>
    SourceParameters = 0x62,

    CascadeSetup = 0x80,
    ParityRequest = 0x81,
    ParityReply = 0x82,
    LdpcSyndrome = 0x83,
    VerificationTag = 0x84,
    FrameVerdict = 0x85,
    FiniteKeyInput = 0x86,
    ToeplitzSeed = 0x87,

    /// <summary>Station to transmitter: Cascade of a frame is over; the transmitter answers with its VerificationTag.</summary>
    FrameCorrected = 0x89,

    /// <summary>Both ways: the final key is stored under this key id (length in bits).</summary>
    KeyCommit = 0x88,
}

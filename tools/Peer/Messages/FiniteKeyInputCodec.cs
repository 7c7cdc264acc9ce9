using GroundStation.Peer.Wire;
using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Peer.Messages;

/// <summary>
/// 0x86 station to transmitter: the finite-key input the station computed, so the transmitter computes the same
/// length (or refuses). 3 × f64 intensities | 3 × f64 probabilities | 3 × i64 n_Z | 3 × i64 m_Z | 3 × i64 n_X |
/// 3 × i64 m_X | i64 leaked EC bits | i64 tag bits | u8 QBER alarm | f64 receiver P(Z) | f64 transmitter P(Z) |
/// f64 eps_sec | f64 eps_cor (233 bytes).
/// </summary>
public static class FiniteKeyInputCodec
{
    public const int PayloadBytes = 6 * 8 + 12 * 8 + 16 + 1 + 32;

    public static PeerMessage Encode(FiniteKeyInput input)
    {
        input.Validate();
        var w = new WireWriter(PayloadBytes);
        foreach (var v in input.Intensities.Concat(input.IntensityProbabilities))
        {
            w.F64(v);
        }

        foreach (var v in input.DetectionsZ.Concat(input.ErrorsZ).Concat(input.DetectionsX).Concat(input.ErrorsX))
        {
            w.I64(v);
        }

        w.I64(input.LeakedErrorCorrectionBits).I64(input.VerificationTagBits).U8(input.QberAlarm ? 1 : 0)
            .F64(input.ReceiverZProbability).F64(input.TransmitterZProbability).F64(input.EpsilonSecret).F64(input.EpsilonCorrect);
        return new PeerMessage(PeerMessageType.FiniteKeyInput, w.ToArray());
    }

    public static FiniteKeyInput Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.FiniteKeyInput);
        double[] mu = [r.F64("intensity"), r.F64("intensity"), r.F64("intensity")];
        double[] p = [r.F64("probability"), r.F64("probability"), r.F64("probability")];
        long[] nz = [r.I64("n_Z"), r.I64("n_Z"), r.I64("n_Z")];
        long[] mz = [r.I64("m_Z"), r.I64("m_Z"), r.I64("m_Z")];
        long[] nx = [r.I64("n_X"), r.I64("n_X"), r.I64("n_X")];
        long[] mx = [r.I64("m_X"), r.I64("m_X"), r.I64("m_X")];
        var leaked = r.I64("leaked bits");
        var tagBits = r.I64("tag bits");
        var alarm = r.U8("QBER alarm");
        if (alarm > 1)
        {
            throw r.Fail($"QBER alarm is {alarm}, not 0 or 1");
        }

        var input = new FiniteKeyInput(mu, p, nz, mz, nx, mx, leaked, tagBits, alarm == 1,
            r.F64("receiver P(Z)"), r.F64("transmitter P(Z)"), r.F64("eps_sec"), r.F64("eps_cor"));
        r.End();
        return MessageCodec.Validated(input, i => i.Validate(), message.Type);
    }
}

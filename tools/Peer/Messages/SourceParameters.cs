using GroundStation.Peer.Wire;

namespace GroundStation.Peer.Messages;

/// <summary>
/// Transmitter to station, first message of a session: what the source sent, as the finite-key bound needs it and only
/// the transmitter knows it (protocol/TRANSMITTER_RECORD.md keeps the same values in its header): the mean photon
/// number of each intensity class (signal, decoy, vacuum), the probability of each, and the probability of preparing Z.
/// </summary>
public sealed record SourceParameters(double[] Intensities, double[] IntensityProbabilities, double ZBasisProbability)
{
    /// <summary>Throws with a one-line reason for values no source has (the finite-key bound checks the rest).</summary>
    public void Validate()
    {
        if (Intensities is not { Length: 3 } || IntensityProbabilities is not { Length: 3 }
            || Intensities.Any(v => !double.IsFinite(v) || v < 0) || IntensityProbabilities.Any(p => !(p > 0 && p < 1))
            || !(ZBasisProbability > 0 && ZBasisProbability < 1))
        {
            throw new ArgumentException("Three finite non-negative intensities, three probabilities in (0, 1) and P(Z) in (0, 1).");
        }
    }

    public override string ToString() => FormattableString.Invariant(
        $"intensities {Intensities[0]}/{Intensities[1]}/{Intensities[2]}, probabilities {IntensityProbabilities[0]}/{IntensityProbabilities[1]}/{IntensityProbabilities[2]}, P(Z) {ZBasisProbability}");
}

/// <summary>0x62: 3 × f64 intensities | 3 × f64 probabilities | f64 P(Z) (56 bytes).</summary>
public static class SourceParametersCodec
{
    public const int PayloadBytes = 7 * 8;

    public static PeerMessage Encode(SourceParameters parameters)
    {
        parameters.Validate();
        var w = new WireWriter(PayloadBytes);
        foreach (var v in parameters.Intensities.Concat(parameters.IntensityProbabilities))
        {
            w.F64(v);
        }

        return new PeerMessage(PeerMessageType.SourceParameters, w.F64(parameters.ZBasisProbability).ToArray());
    }

    public static SourceParameters Decode(PeerMessage message)
    {
        var r = MessageCodec.Reader(message, PeerMessageType.SourceParameters);
        double[] mu = [r.F64("intensity"), r.F64("intensity"), r.F64("intensity")];
        double[] p = [r.F64("probability"), r.F64("probability"), r.F64("probability")];
        var z = r.F64("P(Z)");
        r.End();
        return MessageCodec.Validated(new SourceParameters(mu, p, z), s => s.Validate(), message.Type);
    }
}

namespace GroundStation.Simulator.Output;

/// <summary>
/// One second of the run (timeline.csv). The first seven columns are the required ones; Locked, SiftedBits, Qber and
/// TimingResidualRmsPs come from the firmware run (null: not known, written as an empty cell). The True* and link
/// columns are simulator truth. Second s covers ground tagger readings [G0 + s, G0 + s + 1) s, G0 = reading at pass start.
/// </summary>
public sealed record TimelineRow
{
    public int Second { get; init; }
    /// <summary>Tagger events on channels 0-3 (truth fills it; the integrator may replace it by the firmware's count).</summary>
    public long Detections { get; init; }
    /// <summary>Tagger events on the beacon channel (pulses and beacon background).</summary>
    public long BeaconDetections { get; init; }
    public bool? Locked { get; init; }
    /// <summary>Bits sifted in this second over all intensity classes, before any are disclosed for estimation.</summary>
    public long? SiftedBits { get; init; }
    public double? Qber { get; init; }
    public double? TimingResidualRmsPs { get; init; }

    public long TrueSignalClicks { get; init; }
    public long TrueNoiseClicks { get; init; }
    /// <summary>Error rate of signal clicks in the sent basis (noise excluded); null when none.</summary>
    public double? TrueSignalQber { get; init; }
    public double LossDb { get; init; }
    public double RangeKm { get; init; }
    /// <summary>NaN when the range came from a profile (written as an empty cell).</summary>
    public double ElevationDeg { get; init; }
    /// <summary>Ground slot width over satellite slot width minus 1, in ppm: Doppler plus both clock rates.</summary>
    public double ApparentRatePpm { get; init; }
}

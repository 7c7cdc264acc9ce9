namespace GroundStation.Simulator.Config;

/// <summary>
/// Everything that defines one simulated pass. Every property has a documented default (PASS_FORMAT.md), so
/// <c>new PassConfig()</c> is the built-in night-time LEO pass. Read from JSON by <see cref="PassFile"/>.
/// </summary>
public sealed record PassConfig
{
    /// <summary>Seed used when the caller gives none (gsctl --seed overrides it).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Pass length in seconds. Null: the geometry's window above minimum elevation, or the end of the
    /// profiles when both loss and range come from profiles.</summary>
    public double? DurationSeconds { get; init; }

    public SourceConfig Source { get; init; } = new();
    public LinkConfig Link { get; init; } = new();
    public GeometryConfig Geometry { get; init; } = new();
    /// <summary>A real orbit from a TLE over a real station, instead of the circular orbit of <see cref="Geometry"/>.</summary>
    public OrbitConfig? Orbit { get; init; }
    public ReceiverConfig Receiver { get; init; } = new();
    public BeaconConfig Beacon { get; init; } = new();
    public ClocksConfig Clocks { get; init; } = new();
    public TaggerConfig Tagger { get; init; } = new();
}

/// <summary>Decoy-state BB84 weak coherent pulse source on the satellite (Micius figures).</summary>
public sealed record SourceConfig
{
    public double PulseRateHz { get; init; } = 100e6;
    /// <summary>Mean photon number per intensity class: 0 = signal, 1 = decoy, 2 = vacuum.</summary>
    public double[] Intensities { get; init; } = [0.8, 0.1, 0.0];
    public double[] IntensityProbabilities { get; init; } = [0.5, 0.25, 0.25];
    /// <summary>Probability that the satellite prepares a pulse in the Z basis (else X).</summary>
    public double ZBasisProbability { get; init; } = 0.5;
    /// <summary>Probability that a pulse leaves with the wrong polarisation (flipped bit within its basis).</summary>
    public double StatePreparationErrorRate { get; init; } = 0.003;
}

/// <summary>Channel from the source output to the detectors' input (detector efficiency excluded).</summary>
public sealed record LinkConfig
{
    /// <summary>[[t_s, loss_dB], ...], linearly interpolated, held constant outside. Null: geometric model.</summary>
    public double[][]? LossProfile { get; init; }
    /// <summary>[[t_s, range_km], ...], natural cubic spline (linear for two points), for delay and Doppler.
    /// Null: geometric model.</summary>
    public double[][]? RangeProfile { get; init; }
    /// <summary>Scintillation index sigma_I^2 (log-normal fading with mean 1). 0 switches fading off.</summary>
    public double ScintillationIndex { get; init; } = 0.05;
    public double ScintillationCoherenceSeconds { get; init; } = 0.005;
}

/// <summary>Circular orbit and link budget used when a profile is not given.</summary>
public sealed record GeometryConfig
{
    public double AltitudeKm { get; init; } = 500;
    public double InclinationDeg { get; init; } = 97.4;
    public double StationLatitudeDeg { get; init; } = 40.4;
    /// <summary>Recorded for reports; the orbit is placed relative to the station, so it has no physical effect.</summary>
    public double StationLongitudeDeg { get; init; } = 117.6;
    /// <summary>Elevation at culmination; the orbit plane is chosen to produce it.</summary>
    public double MaxElevationDeg { get; init; } = 70;
    public double MinElevationDeg { get; init; } = 20;
    /// <summary>True if the satellite travels north at culmination (ascending pass).</summary>
    public bool Ascending { get; init; } = false;
    public double TxApertureM { get; init; } = 0.30;
    public double RxApertureM { get; init; } = 1.0;
    public double WavelengthNm { get; init; } = 850;
    /// <summary>Far-field full-angle (1/e^2) divergence in microradians; null: diffraction limit of the tx aperture.</summary>
    public double? BeamDivergenceUrad { get; init; } = 12;
    public double PointingLossDb { get; init; } = 3;
    /// <summary>Atmospheric extinction at zenith; scales with the air mass 1/sin(elevation).</summary>
    public double ZenithExtinctionDb { get; init; } = 1.5;
    /// <summary>Telescope, beam splitters, fibre coupling: fixed loss up to the detectors' input.</summary>
    public double ReceiverOpticsLossDb { get; init; } = 11.5;
}

/// <summary>
/// A real orbit: two-line elements propagated with SGP4 (tools/Orbit, the code `gsctl pass predict` uses) over a
/// station on the WGS-84 ellipsoid. Replaces the circular orbit; the link budget and the elevation limit of
/// <see cref="GeometryConfig"/> still apply.
/// </summary>
public sealed record OrbitConfig
{
    /// <summary>The element set: its two lines (a name line before them is allowed).</summary>
    public string[] Tle { get; init; } = [];
    public double StationLatitudeDeg { get; init; }
    public double StationLongitudeDeg { get; init; }
    public double StationAltitudeM { get; init; }
    /// <summary>UTC of pass time 0 (slot 0 leaves the satellite). Null: the first rise above
    /// <see cref="GeometryConfig.MinElevationDeg"/> after the element set's epoch.</summary>
    public DateTime? StartUtc { get; init; }
    /// <summary>UT1 - UTC (s) for the Earth's rotation angle.</summary>
    public double Ut1MinusUtcSeconds { get; init; }
}

/// <summary>Four-detector passive-basis BB84 receiver (H, V, D, A).</summary>
public sealed record ReceiverConfig
{
    public double DetectorEfficiency { get; init; } = 0.5;
    /// <summary>Per detector.</summary>
    public double DarkCountsPerSecond { get; init; } = 100;
    /// <summary>Per detector (stray light; night-time default).</summary>
    public double BackgroundCountsPerSecond { get; init; } = 200;
    /// <summary>Probability that a photon measured in the basis it was prepared in gives the other bit.</summary>
    public double MisalignmentErrorRate { get; init; } = 0.01;
    public double JitterPsFwhm { get; init; } = 350;
    public double DeadTimeNs { get; init; } = 50;
    public double AfterpulseProbability { get; init; } = 0.01;
    /// <summary>Mean delay of an afterpulse after the dead time ends (exponential).</summary>
    public double AfterpulseDelayNs { get; init; } = 200;
    /// <summary>Fraction of photons the receiver's beam splitter sends to the Z-basis detectors.</summary>
    public double ZBasisSplitRatio { get; init; } = 0.5;
}

/// <summary>Timing beacon: one pulse every <see cref="PeriodSlots"/> source slots, locked to the source clock.</summary>
public sealed record BeaconConfig
{
    public long PeriodSlots { get; init; } = 10_000;
    /// <summary>Beacon pulses per frame.</summary>
    public int FrameLength { get; init; } = 100;
    /// <summary>Positions within a frame that are not sent (the frame marker).</summary>
    public int[] OmittedPositions { get; init; } = [0, 1, 3, 7];
    public double DetectionProbability { get; init; } = 0.3;
    public double JitterPsFwhm { get; init; } = 500;
    public double BackgroundCountsPerSecond { get; init; } = 50;
    public double DeadTimeNs { get; init; } = 50;
}

public sealed record ClocksConfig
{
    public GroundClockConfig Ground { get; init; } = new();
    public SatelliteClockConfig Satellite { get; init; } = new();
}

/// <summary>Ground tagger oscillator: reading(t) = offset + (1 + rate) t + drift t^2 / 2, t = true time since pass start.</summary>
public sealed record GroundClockConfig
{
    public double OffsetSeconds { get; init; } = 1.5e-6;
    public double RateErrorPpm { get; init; } = 2.0;
    public double DriftPpbPerSecond { get; init; } = 0.01;
}

/// <summary>Satellite oscillator (the pulse clock): slot n leaves when its reading equals n slot widths.
/// Reading(t) = (1 + rate + relativistic) t + drift t^2 / 2.</summary>
public sealed record SatelliteClockConfig
{
    public double RateErrorPpm { get; init; } = -1.0;
    public double DriftPpbPerSecond { get; init; } = 0.0;
    /// <summary>Gravitational plus velocity time dilation; null: computed from the orbit altitude (about -0.27 ppb at 500 km).</summary>
    public double? RelativisticRatePpb { get; init; }
}

/// <summary>Time tagger parameters the chip model (boards/sim/DeviceModels/FifoTagger) is configured with.</summary>
public sealed record TaggerConfig
{
    public double ResolutionPs { get; init; } = 4;
    /// <summary>Fixed delay per channel (0 H, 1 V, 2 D, 3 A, 4 beacon) added to every timestamp.</summary>
    public double[] ChannelSkewPs { get; init; } = [0, 150, -100, 220, 0];
    public int FifoDepth { get; init; } = 4096;
    /// <summary>Rate at which the firmware drains the FIFO (for the host-side overflow model).</summary>
    public double ReadoutEventsPerSecond { get; init; } = 400_000;
}

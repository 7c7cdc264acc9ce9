using System.Globalization;
using GroundStation.Host.Link;

namespace GroundStation.Testbed.Sim;

/// <summary>What became of the skew calibration at the start of a pass.</summary>
public sealed record SkewCalibrationResult(
    bool Applied, double StartedAtPassSeconds, double AppliedAtPassSeconds, int ChannelsApplied, int[] TableWithBeaconPs, string? Problem)
{
    public static readonly SkewCalibrationResult Off = new(false, double.NaN, double.NaN, 0, [], "not requested (--skew-seconds 0)");
}

/// <summary>
/// The skew calibration an operator runs at the start of a pass: at the firmware's first lock, CAL:SKEW:STAR;
/// after the given seconds of pass, CAL:SKEW:APPL (both while the simulation board holds the pass at a pause point,
/// SIM:PAUSe, so they land at the same pass time in every run of a seed), and the measured table serves the rest of the pass. Without it
/// each detector's own cable and electronics delay (the simulator's tagger.channelSkewPs) shifts its detections
/// against the slot centre and a tenth of them fall outside the +-500 ps coincidence window. The table is not saved
/// (no CONF:SAVE): a simulated pass never changes the board's stored configuration.
/// </summary>
public sealed class PassSkewCalibration
{
    /// <summary>Tagger channels whose skew is read back: the four detectors (H, V, D, A) and the beacon.</summary>
    public const int TaggerChannels = 5;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private readonly double _collectPassSeconds;
    private double _startedAt = double.NaN;

    /// <param name="collectPassSeconds">Pass seconds of histogram collection; 0 = no calibration.</param>
    public PassSkewCalibration(double collectPassSeconds)
    {
        _collectPassSeconds = collectPassSeconds;
        Result = collectPassSeconds <= 0 ? SkewCalibrationResult.Off : null;
    }

    /// <summary>Null while the calibration is pending or running.</summary>
    public SkewCalibrationResult? Result { get; private set; }

    /// <summary>A few words for the progress line while collecting; null otherwise.</summary>
    public string? Status(double passSeconds) => Result is null && !double.IsNaN(_startedAt)
        ? string.Create(CultureInfo.InvariantCulture, $"skew calibration {passSeconds - _startedAt:F0}/{_collectPassSeconds:F0} s")
        : null;

    /// <summary>
    /// Asks the board to pause at the firmware's first lock (before SIM:STARt): the calibration starts and ends at
    /// pass times the board holds for, so a seeded pass calibrates on the same detections in every run.
    /// </summary>
    public void Arm(LinkClient client)
    {
        if (Result is null)
        {
            Execute(client, "SIM:PAUS:LOCK");
        }
    }

    /// <summary>
    /// Advances the calibration; call at every status poll. Acts only while the board is <paramref name="paused"/> at
    /// one of its pause points (the first lock, then the end of the collection), and lets it go on afterwards.
    /// </summary>
    public void Step(bool paused, double passSeconds, LinkClient client)
    {
        if (Result is not null || !paused)
        {
            return;
        }

        if (double.IsNaN(_startedAt))
        {
            var start = client.Execute("CAL:SKEW:STAR", CommandTimeout);
            _startedAt = passSeconds;
            if (!start.Ok)
            {
                Result = Failed(passSeconds, $"CAL:SKEW:STAR refused: {start.Text}");
            }
            else
            {
                Execute(client, string.Create(CultureInfo.InvariantCulture, $"SIM:PAUS:AFT {(long)Math.Round(_collectPassSeconds * 1000)}"));
            }

            Execute(client, "SIM:CONT");
            return;
        }

        var apply = client.Execute("CAL:SKEW:APPL", CommandTimeout);
        if (!apply.Ok || !int.TryParse(apply.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var channels))
        {
            Result = Failed(passSeconds, $"CAL:SKEW:APPL: {apply.Text}");
            Execute(client, "SIM:CONT");
            return;
        }

        var table = new int[TaggerChannels];
        for (var channel = 0; channel < TaggerChannels; channel++)
        {
            var reply = client.Execute(string.Create(CultureInfo.InvariantCulture, $"TIM:SKEW? {channel}"), CommandTimeout);
            table[channel] = reply.Ok && int.TryParse(reply.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ps) ? ps : 0;
        }

        Result = new SkewCalibrationResult(channels > 0, _startedAt, passSeconds, channels, table,
            channels > 0 ? null : "too few detections in the histograms; the pass ran without skew correction");
        Execute(client, "SIM:CONT");
    }

    /// <summary>A pause command the board must accept, or the pass would never go on.</summary>
    private static void Execute(LinkClient client, string line)
    {
        var result = client.Execute(line, CommandTimeout);
        if (!result.Ok)
        {
            throw new PassFailedException($"the simulation board refused '{line}': {result.Text}");
        }
    }

    private SkewCalibrationResult Failed(double passSeconds, string problem) =>
        new(false, _startedAt, passSeconds, 0, [], problem);
}

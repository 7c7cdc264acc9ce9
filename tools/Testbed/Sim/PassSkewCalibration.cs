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
/// The skew calibration an operator runs at the start of a pass: once the firmware reports lock, CAL:SKEW:STAR;
/// after the given seconds of pass, CAL:SKEW:APPL, and the measured table serves the rest of the pass. Without it
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

    /// <summary>Advances the calibration; call at every status poll with the firmware's timing state.</summary>
    public void Step(bool locked, double passSeconds, LinkClient client)
    {
        if (Result is not null)
        {
            return;
        }

        if (double.IsNaN(_startedAt))
        {
            if (locked)
            {
                var start = client.Execute("CAL:SKEW:STAR", CommandTimeout);
                if (!start.Ok)
                {
                    Result = Failed(passSeconds, $"CAL:SKEW:STAR refused: {start.Text}");
                    return;
                }

                _startedAt = passSeconds;
            }

            return;
        }

        if (passSeconds < _startedAt + _collectPassSeconds)
        {
            return;
        }

        var apply = client.Execute("CAL:SKEW:APPL", CommandTimeout);
        if (!apply.Ok || !int.TryParse(apply.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var channels))
        {
            Result = Failed(passSeconds, $"CAL:SKEW:APPL: {apply.Text}");
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
    }

    private SkewCalibrationResult Failed(double passSeconds, string problem) =>
        new(false, _startedAt, passSeconds, 0, [], problem);
}

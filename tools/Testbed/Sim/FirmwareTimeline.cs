using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;
using GroundStation.Simulator.Output;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// Fills the firmware columns of timeline.csv from what the host received during the pass. During playback the
/// board clock is the tagger clock (board us = start + tagger ps / 10^6) and the board aligns its telemetry to the
/// pass start, so the record sent at board time start + (s + 1) s covers row s. Columns: locked = timing state
/// Locked at that record; sifted_bits = the record's cumulative sifted-bit count minus the previous record's;
/// timing_residual_rms_ps = the firmware's mean absolute beacon residual times sqrt(pi/2) (RMS of a Gaussian with that
/// mean absolute value), while locked; qber = signal-class errors / sampled of the estimation results that reached
/// the host during that second. A second without a record (telemetry is best effort) stays empty.
/// </summary>
public static class FirmwareTimeline
{
    private const int TimingLocked = 2;
    private static readonly double RmsPerMeanAbs = Math.Sqrt(Math.PI / 2);

    /// <summary>The timeline row a telemetry record closes (-1: before the pass started).</summary>
    public static int SecondOf(long uptimeMs, long startBoardUs)
    {
        if (startBoardUs < 0)
        {
            return -1;
        }

        return (int)Math.Round((uptimeMs * 1000.0 - startBoardUs) / 1e6) - 1;
    }

    public static TimelineRow[] Merge(TimelineRow[] truthRows, IReadOnlyList<TelemetryRecord> telemetry, long startBoardUs,
        IReadOnlyList<TimedVerdict> results)
    {
        var bySecond = new Dictionary<int, TelemetryRecord>();
        foreach (var record in telemetry)
        {
            var s = SecondOf(record.UptimeMs, startBoardUs);
            if (s >= 0 && s < truthRows.Length)
            {
                bySecond[s] = record; // the later record of a second wins (the board sends one per second)
            }
        }

        var sampled = new long[truthRows.Length];
        var errors = new long[truthRows.Length];
        foreach (var r in results)
        {
            var s = Math.Clamp(r.Second, 0, truthRows.Length - 1);
            for (var basis = 0; basis < SiftCodes.BasisCount; basis++)
            {
                sampled[s] += r.Verdict.Sampled[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
                errors[s] += r.Verdict.Errors[SiftCodes.Cell(SiftCodes.ClassSignal, basis)];
            }
        }

        var rows = new TimelineRow[truthRows.Length];
        for (var s = 0; s < rows.Length; s++)
        {
            var row = truthRows[s] with { Qber = sampled[s] == 0 ? null : (double)errors[s] / sampled[s] };
            if (bySecond.TryGetValue(s, out var t))
            {
                var locked = t.TimingState == TimingLocked;
                long? previousSifted = s == 0 ? 0 : bySecond.TryGetValue(s - 1, out var p) ? p.SiftedBits : null;
                row = row with
                {
                    Locked = locked,
                    SiftedBits = t.SiftedBits - previousSifted,
                    TimingResidualRmsPs = locked ? t.TimingResidualPs * RmsPerMeanAbs : null,
                };
            }

            rows[s] = row;
        }

        return rows;
    }

    /// <summary>
    /// The sifted-bits column of a post-pass run, from the station's ledger: during the pass the station answered
    /// the firmware itself, so the firmware's own count is every detection; the bits that really sifted (kept and disclosed
    /// for estimation; a discarded block's are not known) are counted per pass second of their slot (slot n is sent n / rate seconds into the pass).
    /// </summary>
    public static TimelineRow[] WithSiftedFromLedger(TimelineRow[] rows, GroundStation.Host.Sifting.SiftingLedger ledger, double pulseRateHz)
    {
        var perSecond = new long[rows.Length];
        foreach (var block in ledger.Blocks)
        {
            foreach (var entry in block.Entries.Concat(block.Disclosed))
            {
                perSecond[Math.Clamp((int)(entry.Slot / pulseRateHz), 0, rows.Length - 1)]++;
            }
        }

        return rows.Select((r, s) => r with { SiftedBits = perSecond[s] }).ToArray();
    }
}

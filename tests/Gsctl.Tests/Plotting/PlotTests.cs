using GroundStation.Gsctl.Plotting;
using GroundStation.Tests.Gsctl.Support;
using GroundStation.Simulator.Output;
using SkiaSharp;

namespace GroundStation.Tests.Gsctl.Plotting;

public class PlotTests
{
    /// <summary>A 270 s pass sampled each second: unlocked for the first 10 s, rates peaking mid-pass.</summary>
    internal static List<PassTimelineRow> SamplePass()
    {
        var rows = new List<PassTimelineRow>();
        for (var t = 0; t < 270; t++)
        {
            var elevation = Math.Sin(Math.PI * t / 270);
            var locked = t > 10;
            var detections = (long)(2000 + 20000 * elevation);
            var sifted = locked ? (long)(detections * 0.45) : 0;
            rows.Add(new PassTimelineRow(t, detections, 1000, locked, sifted,
                locked ? 0.01 + 0.02 * (1 - elevation) : double.NaN, locked ? 60 + 40 * (1 - elevation) : double.NaN));
        }

        return rows;
    }

    /// <summary>Writes the rows with the simulator's own run-directory writer, the producer gsctl plot reads.</summary>
    private static void WriteTimeline(string dir, IEnumerable<PassTimelineRow> rows) =>
        TimelineCsv.Write(Path.Combine(dir, PassTimeline.FileName), rows.Select(r => new TimelineRow
        {
            Second = (int)r.TimeSeconds,
            Detections = r.Detections,
            BeaconDetections = r.BeaconDetections,
            Locked = r.Locked,
            SiftedBits = r.SiftedBits,
            Qber = double.IsNaN(r.Qber) ? null : r.Qber,
            TimingResidualRmsPs = double.IsNaN(r.TimingResidualRmsPicoseconds) ? null : r.TimingResidualRmsPicoseconds,
            ElevationDeg = double.NaN,
        }));

    [Fact]
    public void The_simulators_timeline_reads_back_with_its_truth_columns_ignored()
    {
        using var dir = new TempDirectory();
        var rows = SamplePass();
        WriteTimeline(dir.Path, rows);
        var read = PassTimeline.Read(dir.File(PassTimeline.FileName));
        Assert.Equal(rows.Count, read.Count);
        Assert.Equal(rows[0], read[0]);
        Assert.Equal(rows[135].Detections, read[135].Detections);
        Assert.Equal(rows[135].Qber, read[135].Qber, 4);
    }

    [Fact]
    public void Empty_firmware_columns_read_as_not_known()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(PassTimeline.FileName),
            "t_s,detections,beacon_detections,locked,sifted_bits,qber,timing_residual_rms_ps,loss_db\n0,100,10,,,,,31.5\n");
        var row = Assert.Single(PassTimeline.Read(dir.File(PassTimeline.FileName)));
        Assert.Equal(new PassTimelineRow(0, 100, 10, null, null, double.NaN, double.NaN), row);
    }

    [Fact]
    public void The_png_has_the_requested_size_and_each_series_colour_where_its_value_puts_it()
    {
        var png = PassPlotter.RenderPng(SamplePass(), "test pass", 1200, 1000);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(1000, bitmap.Height);

        int Count(SKColor color) => Enumerable.Range(0, bitmap.Height)
            .Sum(y => Enumerable.Range(0, bitmap.Width).Count(x => Near(bitmap.GetPixel(x, y), color)));
        Assert.True(Count(PassPlotter.DetectionColor) > 500, "detection rate line");
        Assert.True(Count(PassPlotter.BeaconColor) > 500, "beacon rate line");
        Assert.True(Count(PassPlotter.SiftedColor) > 500, "sifted rate line");
        Assert.True(Count(PassPlotter.QberColor) > 500, "QBER line");
        Assert.True(Count(PassPlotter.ResidualColor) > 500, "timing residual line");

        // The detection rate peaks mid-pass: its line is higher (smaller y) at the centre than at the edges.
        int TopOfColour(int x) => Enumerable.Range(0, bitmap.Height / 4).First(y =>
            Enumerable.Range(x - 3, 7).Any(xx => Near(bitmap.GetPixel(xx, y), PassPlotter.DetectionColor)));
        Assert.True(TopOfColour(600) < TopOfColour(150) - 50);
    }

    [Fact]
    public void Qber_known_only_every_tenth_second_is_drawn_as_one_line_not_dots()
    {
        // Post-pass: a block's verdict lands in the second of its first slot, and blocks span many seconds.
        var sparse = SamplePass().Select(r => r.TimeSeconds % 10 == 0 ? r : r with { Qber = double.NaN }).ToList();
        var none = SamplePass().Select(r => r with { Qber = double.NaN }).ToList(); // the abort line alone

        int QberPixels(List<PassTimelineRow> rows)
        {
            using var bitmap = SKBitmap.Decode(PassPlotter.RenderPng(rows, "test pass", 1200, 1000));
            return Enumerable.Range(0, bitmap.Height).Sum(y => Enumerable.Range(0, bitmap.Width).Count(x => Near(bitmap.GetPixel(x, y), PassPlotter.QberColor)));
        }

        // 26 estimates across ~1050 px: dots cover about 26 x 5 pixels, a 2 px line over 1000.
        Assert.True(QberPixels(sparse) - QberPixels(none) > 1000, "the QBER estimates are not joined");
    }

    [Fact]
    public void Nice_ticks_are_round_and_cover_the_range()
    {
        Assert.Equal([0, 50, 100, 150, 200, 250, 300], PassPlotter.NiceTicks(0, 270));
        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5], PassPlotter.NiceTicks(0, 2.4));
    }

    [Fact]
    public void Gsctl_plot_writes_a_png_and_rejects_a_timeline_without_its_columns()
    {
        using var dir = new TempDirectory();
        WriteTimeline(dir.Path, SamplePass());
        var result = GsctlProcess.Run("plot", dir.Path, "-o", dir.File("pass.png"), "--width", "800", "--height", "600");
        Assert.Equal(0, result.ExitCode);
        using (var bitmap = SKBitmap.Decode(dir.File("pass.png")))
        {
            Assert.Equal((800, 600), (bitmap.Width, bitmap.Height));
        }

        File.WriteAllText(dir.File(PassTimeline.FileName), "t_s,detections\n1,2\n");
        var bad = GsctlProcess.Run("plot", dir.Path, "-o", dir.File("bad.png"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("has no column beacon_detections", bad.Stderr);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("bad.png")));
        Assert.Equal(0, GsctlProcess.Run("plot", "--help").ExitCode);
    }

    private static bool Near(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) < 12 && Math.Abs(a.Green - b.Green) < 12 && Math.Abs(a.Blue - b.Blue) < 12;
}

using System.Globalization;
using SkiaSharp;

namespace GroundStation.Gsctl.Plotting;

/// <summary>
/// Draws a pass report figure: four stacked panels against pass time (count rates, sifted key rate, QBER,
/// timing residual), with the intervals where the clock model was not locked shaded (unknown lock: not shaded). SkiaSharp only: no system
/// graphics libraries are needed.
/// </summary>
internal static class PassPlotter
{
    public const int DefaultWidth = 1200;
    public const int DefaultHeight = 1000;

    /// <summary>BB84's asymptotic abort threshold, drawn on the QBER panel.</summary>
    private const double QberAbortPercent = 11.0;

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor DetectionColor = new(0x1F, 0x77, 0xB4);
    public static readonly SKColor BeaconColor = new(0xFF, 0x7F, 0x0E);
    public static readonly SKColor SiftedColor = new(0x2C, 0xA0, 0x2C);
    public static readonly SKColor QberColor = new(0xD6, 0x27, 0x28);
    public static readonly SKColor ResidualColor = new(0x94, 0x67, 0xBD);
    private static readonly SKColor UnlockedShade = new(0xFF, 0xD8, 0xD8);

    /// <param name="BridgesGaps">Join the values either side of an undefined one: for an estimate that exists only where
    /// a block's verdict landed (QBER), a second without one is no break in the quantity.</param>
    private sealed record Series(string Label, SKColor Color, double[] Values, bool BridgesGaps = false);

    public static byte[] RenderPng(IReadOnlyList<PassTimelineRow> rows, string title, int width = DefaultWidth, int height = DefaultHeight,
        string? keyLine = null)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("the timeline has no rows");
        }

        var time = rows.Select(r => r.TimeSeconds).ToArray();
        var intervals = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            intervals[i] = i > 0 ? time[i] - time[i - 1] : rows.Count > 1 ? time[1] - time[0] : Math.Max(time[0], 1);
            if (!(intervals[i] > 0))
            {
                intervals[i] = double.NaN;
            }
        }

        double[] Rate(Func<PassTimelineRow, long?> count) => rows.Select((r, i) => count(r) is { } n ? n / intervals[i] : double.NaN).ToArray();

        var panels = new (string Title, string Unit, Series[] Series, double? Threshold)[]
        {
            ("Count rates", "counts/s", [new("detections", DetectionColor, Rate(r => r.Detections)), new("beacon", BeaconColor, Rate(r => r.BeaconDetections))], null),
            ("Sifted key rate", "bit/s", [new("sifted", SiftedColor, Rate(r => r.SiftedBits))], null),
            ("QBER", "%", [new("QBER", QberColor, rows.Select(r => r.Qber * 100).ToArray(), BridgesGaps: true)], QberAbortPercent),
            ("Timing residual (RMS)", "ps", [new("residual", ResidualColor, rows.Select(r => r.TimingResidualRmsPicoseconds).ToArray())], null),
        };

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        var typeface = PlotFont.Typeface;
        using var titleFont = new SKFont(typeface ?? SKTypeface.Default, 20);
        using var font = new SKFont(typeface ?? SKTypeface.Default, 13);
        using var textPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, 28, SKTextAlign.Center, titleFont, textPaint);
        if (keyLine is not null)
        {
            canvas.DrawText(keyLine, width / 2f, 48, SKTextAlign.Center, font, textPaint);
        }

        const float left = 90, right = 30, bottom = 45, gap = 40;
        float top = keyLine is null ? 45 : 68;
        var panelHeight = (height - top - bottom - gap * (panels.Length - 1)) / panels.Length;
        var xMin = time[0];
        var xMax = time[^1] > xMin ? time[^1] : xMin + 1;
        for (var p = 0; p < panels.Length; p++)
        {
            var area = new SKRect(left, top + p * (panelHeight + gap), width - right, top + p * (panelHeight + gap) + panelHeight);
            DrawPanel(canvas, area, panels[p], time, rows, xMin, xMax, font, textPaint, p == panels.Length - 1);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawPanel(SKCanvas canvas, SKRect area, (string Title, string Unit, Series[] Series, double? Threshold) panel,
        double[] time, IReadOnlyList<PassTimelineRow> rows, double xMin, double xMax, SKFont font, SKPaint textPaint, bool showXLabel)
    {
        var values = panel.Series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        if (panel.Threshold is { } threshold)
        {
            values.Add(threshold * 1.1);
        }

        var yMin = values.Count > 0 ? Math.Min(0, values.Min()) : 0;
        var yMax = values.Count > 0 ? values.Max() : 1;
        if (!(yMax > yMin))
        {
            yMax = yMin + 1;
        }

        var yTicks = NiceTicks(yMin, yMax * 1.05);
        yMin = yTicks[0];
        yMax = yTicks[^1];
        float X(double t) => area.Left + (float)((t - xMin) / (xMax - xMin)) * area.Width;
        float Y(double v) => area.Bottom - (float)((v - yMin) / (yMax - yMin)) * area.Height;

        // Shade the intervals where the clock model was not locked: detections there cannot be sifted.
        using (var shade = new SKPaint { Color = UnlockedShade, Style = SKPaintStyle.Fill })
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Locked == false)
                {
                    var start = i > 0 ? time[i - 1] : time[i];
                    canvas.DrawRect(SKRect.Create(X(start), area.Top, Math.Max(1, X(time[i]) - X(start)), area.Height), shade);
                }
            }
        }

        using var grid = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        foreach (var tick in yTicks)
        {
            canvas.DrawLine(area.Left, Y(tick), area.Right, Y(tick), grid);
            canvas.DrawText(FormatTick(tick), area.Left - 6, Y(tick) + 4, SKTextAlign.Right, font, textPaint);
        }

        foreach (var tick in NiceTicks(xMin, xMax).Where(t => t >= xMin && t <= xMax))
        {
            canvas.DrawLine(X(tick), area.Top, X(tick), area.Bottom, grid);
            canvas.DrawText(FormatTick(tick), X(tick), area.Bottom + 16, SKTextAlign.Center, font, textPaint);
        }

        if (panel.Threshold is { } limit)
        {
            using var dashed = new SKPaint
            {
                Color = panel.Series[0].Color, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke,
                PathEffect = SKPathEffect.CreateDash([8, 6], 0),
            };
            canvas.DrawLine(area.Left, Y(limit), area.Right, Y(limit), dashed);
            canvas.DrawText($"abort {limit:0} %", area.Right - 4, Y(limit) - 4, SKTextAlign.Right, font, textPaint);
        }

        foreach (var series in panel.Series)
        {
            using var line = new SKPaint { Color = series.Color, StrokeWidth = 2, Style = SKPaintStyle.Stroke, IsAntialias = true };
            using var builder = new SKPathBuilder();
            var penDown = false;
            for (var i = 0; i < time.Length; i++)
            {
                // NaN (undefined, e.g. a rate over a zero interval) breaks the line instead of drawing a zero. QBER is
                // known only in the seconds a block's verdict is placed in (post-pass: one block spans many seconds),
                // so its line joins them rather than leaving isolated dots; before the first one nothing is drawn.
                if (!double.IsFinite(series.Values[i]))
                {
                    penDown &= series.BridgesGaps;
                    continue;
                }

                var point = new SKPoint(X(time[i]), Y(series.Values[i]));
                if (penDown)
                {
                    builder.LineTo(point);
                }
                else
                {
                    builder.MoveTo(point);
                    builder.LineTo(point.X + 0.5f, point.Y);
                    penDown = true;
                }
            }

            using var path = builder.Detach();
            canvas.Save();
            canvas.ClipRect(area);
            canvas.DrawPath(path, line);
            canvas.Restore();
        }

        canvas.DrawRect(area, axis);
        canvas.DrawText($"{panel.Title} [{panel.Unit}]", area.Left + 6, area.Top - 6, SKTextAlign.Left, font, textPaint);
        var legendX = area.Right - 6;
        foreach (var series in panel.Series.Reverse())
        {
            using var swatch = new SKPaint { Color = series.Color, Style = SKPaintStyle.Fill };
            var labelWidth = font.MeasureText(series.Label);
            canvas.DrawText(series.Label, legendX, area.Top - 6, SKTextAlign.Right, font, textPaint);
            canvas.DrawRect(SKRect.Create(legendX - labelWidth - 18, area.Top - 15, 12, 8), swatch);
            legendX -= labelWidth + 30;
        }

        if (showXLabel)
        {
            canvas.DrawText("pass time [s]", area.MidX, area.Bottom + 36, SKTextAlign.Center, font, textPaint);
        }
    }

    /// <summary>About six round tick values (1, 2 or 5 times a power of ten) covering [min, max].</summary>
    public static double[] NiceTicks(double min, double max)
    {
        var span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return [min, min + 1];
        }

        var raw = span / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var first = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (var v = first; v < max + step * 0.999; v += step)
        {
            ticks.Add(Math.Round(v / step) * step);
        }

        return ticks.ToArray();
    }

    private static string FormatTick(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude >= 1e6 ? (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
            : magnitude >= 1e4 ? (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k"
            : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}

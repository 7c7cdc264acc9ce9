using SkiaSharp;

namespace GroundStation.Gsctl.Plotting;

/// <summary>
/// The typeface for plot labels. The SkiaSharp native build used here has no fontconfig, so the default typeface
/// may have no glyphs; then a TrueType font from the usual system folders is loaded. Without any font the plot
/// still draws, without text.
/// </summary>
internal static class PlotFont
{
    private static readonly string[] Preferred =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "C:/Windows/Fonts/arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ];

    private static readonly Lazy<SKTypeface?> Cached = new(Find);

    public static SKTypeface? Typeface => Cached.Value;

    private static SKTypeface? Find()
    {
        var fallback = SKTypeface.Default;
        if (fallback.GlyphCount > 0)
        {
            return fallback;
        }

        var candidates = Preferred.Where(File.Exists).Concat(
            new[] { "/usr/share/fonts", "/usr/local/share/fonts" }.Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.ttf", SearchOption.AllDirectories)));
        foreach (var path in candidates)
        {
            var typeface = SKTypeface.FromFile(path);
            if (typeface is { GlyphCount: > 0 })
            {
                return typeface;
            }
        }

        return null;
    }
}

using System.Globalization;
using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;
using GroundStation.Orbit.Propagation;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Pass;

/// <summary>`gsctl pass predict` as a user runs it: the table, prediction.json, one CSV per pass, and its refusals.</summary>
public sealed class PassPredictCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_day_of_passes_is_listed_and_each_gets_a_csv_with_one_row_per_second()
    {
        var tle = PassTestData.WriteTle(_temp.Path);
        var output = _temp.File("predictions");

        var result = GsctlProcess.Run("pass", "predict", "--tle", tle, "--station", PassTestData.Station, "--start", PassTestData.Start,
            "--hours", "24", "--min-elevation", "5", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var passes = PassTestData.Passes(Path.Combine(output, "prediction.json"));
        var tracker = new SatelliteTracker(new Sgp4Propagator(TwoLineElements.Parse(PassTestData.Line1, PassTestData.Line2)),
            StationSite.Parse(PassTestData.Station));
        var start = DateTime.Parse(PassTestData.Start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(new PassFinder(tracker, 5).Find(start, start.AddDays(1)).Select(p => p.RiseUtc), passes.Select(p => p.Rise));
        Assert.True(passes.Count >= 3, $"{passes.Count} passes above 5 deg in a day");
        Assert.Contains("TEST LEO (99999)", result.Stdout);
        Assert.Contains($"{passes.Count} passes", result.Stdout);
        foreach (var pass in passes)
        {
            // The table shows each pass's rise to the tenth of a second.
            Assert.Contains(pass.Rise.ToString("yyyy-MM-dd HH:mm:ss.f", CultureInfo.InvariantCulture), result.Stdout);
            var lines = File.ReadAllLines(Path.Combine(output, pass.File));
            Assert.Equal("utc,range_m,range_rate_m_s,elevation_deg,azimuth_deg,delay_ps", lines[0]);
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(Math.Floor((pass.Set - pass.Rise).TotalSeconds), rows.Count, 1.0);
            foreach (var row in rows.Where((_, i) => i % 37 == 0))
            {
                var utc = DateTime.Parse(row[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                Assert.InRange(utc, pass.Rise, pass.Set);
                var seen = tracker.Observe(utc);
                Assert.Equal(seen.RangeMeters, double.Parse(row[1], CultureInfo.InvariantCulture), 0.001);
                Assert.Equal(seen.RangeRateMetersPerSecond, double.Parse(row[2], CultureInfo.InvariantCulture), 0.0001);
                Assert.InRange(double.Parse(row[3], CultureInfo.InvariantCulture), 5 - 1e-3, 90);
                // delay_ps: the light time, within (v_sat + v_station) range / c^2 (< 0.2 us here) of range / c.
                var delayPs = long.Parse(row[5], CultureInfo.InvariantCulture);
                const double c = 299792458.0;
                Assert.Equal(seen.RangeMeters / c * 1e12, delayPs, (7700 + 360) * seen.RangeMeters / (c * c) * 1e12);
            }
        }

        Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_several_element_sets_needs_satellite_and_takes_a_name_or_number()
    {
        var path = _temp.File("two.tle");
        File.WriteAllText(path, $"FIRST\n{PassTestData.Line1}\n{PassTestData.Line2}\nSECOND\n{VerificationLine1}\n{VerificationLine2}\n");

        var ambiguous = GsctlProcess.Run("pass", "predict", "--tle", path, "--station", PassTestData.Station, "--start", PassTestData.Start,
            "--out", _temp.File("a"));
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("holds 2 element sets (FIRST (99999), SECOND (00005)): choose one with --satellite", ambiguous.Stderr);

        var chosen = GsctlProcess.Run("pass", "predict", "--tle", path, "--satellite", "5", "--station", PassTestData.Station,
            "--start", "2000-06-28T00:00:00Z", "--hours", "6", "--out", _temp.File("b"));
        Assert.True(chosen.ExitCode == 0, chosen.Stderr);
        Assert.Contains("SECOND (00005)", chosen.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--station", PassTestData.Station }, "give --tle FILE")]
    [InlineData(new[] { "--tle", "TLE", "--station", "40.4,117.6" }, "--station: station '40.4,117.6' must be LAT,LON,ALT_M")]
    [InlineData(new[] { "--tle", "TLE", "--station", PassTestData.Station, "--hours", "0" }, "--hours must be more than 0")]
    [InlineData(new[] { "--tle", "TLE", "--station", PassTestData.Station, "--min-elevation", "95" }, "--min-elevation must lie in [-5, 90)")]
    [InlineData(new[] { "--tle", "TLE", "--station", PassTestData.Station, "--start", "yesterday" }, "--start 'yesterday' is not a UTC time")]
    [InlineData(new[] { "--tle", "BAD", "--station", PassTestData.Station }, "bad.tle: line 3, column 69: checksum is '8', the line's digits give 7")]
    [InlineData(new[] { "--tle", "MISSING", "--station", PassTestData.Station }, "no such file")]
    public void Bad_input_is_one_line_and_exit_2_and_nothing_is_written(string[] arguments, string message)
    {
        var good = PassTestData.WriteTle(_temp.Path);
        var bad = _temp.File("bad.tle");
        File.WriteAllText(bad, $"TEST LEO\n{PassTestData.Line1}\n{PassTestData.Line2[..^1]}8\n");
        var output = _temp.File("out");
        var args = arguments.Select(a => a switch { "TLE" => good, "BAD" => bad, "MISSING" => _temp.File("none.tle"), _ => a }).ToList();

        var result = GsctlProcess.Run(["pass", "predict", .. args, "--out", output]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(message, result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_output_directory_that_is_not_empty_is_refused()
    {
        var tle = PassTestData.WriteTle(_temp.Path);
        var output = _temp.File("full");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");

        var result = GsctlProcess.Run("pass", "predict", "--tle", tle, "--station", PassTestData.Station, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Stderr);
        Assert.Equal(["keep.txt"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    private const string VerificationLine1 = "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753";
    private const string VerificationLine2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
}

using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Formats;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Formats;

public class ConvertTests
{
    private static readonly TimeTag[] Events =
    [
        new(1000, 0), new(1000, 3), new(250_000, 1), new(5_000_000_000, 2), new(5_000_000_125, 0),
    ];

    private static void WritePtu(string path, IEnumerable<TimeTag> tags)
    {
        using var stream = File.Create(path);
        var writer = new PtuT2Writer(stream);
        foreach (var tag in tags)
        {
            writer.Write(tag);
        }

        writer.Finish();
    }

    [Fact]
    public void Ptu_to_qcrypto_a1_to_csv_to_ptu_keeps_every_event()
    {
        using var dir = new TempDirectory();
        WritePtu(dir.File("in.ptu"), Events);
        TimeTagConverter.Convert(dir.File("in.ptu"), TimeTagFormat.PtuT2, dir.File("a1.bin"), TimeTagFormat.QcryptoA1);
        TimeTagConverter.Convert(dir.File("a1.bin"), TimeTagFormat.QcryptoA1, dir.File("mid.csv"), TimeTagFormat.Csv);
        var summary = TimeTagConverter.Convert(dir.File("mid.csv"), TimeTagFormat.Csv, dir.File("out.ptu"), TimeTagFormat.PtuT2);
        Assert.Equal((5L, 5L, 0L), (summary.EventsRead, summary.EventsWritten, summary.EventsSkipped));
        Assert.Empty(summary.Warnings);
        using var result = File.OpenRead(dir.File("out.ptu"));
        Assert.Equal(Events, PtuT2Reader.Read(result).ToArray());
        Assert.Equal(["a1.bin", "in.ptu", "mid.csv", "out.ptu"], dir.FileNames());
    }

    [Fact]
    public void Legacy_qcrypto_rounds_to_its_125_ps_ticks()
    {
        using var dir = new TempDirectory();
        WritePtu(dir.File("in.ptu"), [new TimeTag(1062, 1)]);
        TimeTagConverter.Convert(dir.File("in.ptu"), TimeTagFormat.PtuT2, dir.File("raw.bin"), TimeTagFormat.QcryptoRaw);
        using var raw = File.OpenRead(dir.File("raw.bin"));
        Assert.Equal([new TimeTag(1000, 1)], QcryptoRawFormat.Read(raw, QcryptoVariant.Legacy).ToArray());
    }

    [Fact]
    public void A_failed_conversion_leaves_no_output_and_keeps_an_existing_one()
    {
        using var dir = new TempDirectory();
        WritePtu(dir.File("in.ptu"), [new TimeTag(10, 0), new TimeTag(20, 9)]);
        File.WriteAllText(dir.File("out.bin"), "previous");
        var error = Assert.Throws<UserError>(() =>
            TimeTagConverter.Convert(dir.File("in.ptu"), TimeTagFormat.PtuT2, dir.File("out.bin"), TimeTagFormat.QcryptoA1));
        Assert.Contains("channel 9", error.Message);
        Assert.Equal("previous", File.ReadAllText(dir.File("out.bin")));
        Assert.Equal(["in.ptu", "out.bin"], dir.FileNames());
    }

    [Fact]
    public void A_malformed_input_is_one_user_error_naming_file_and_offset()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bad.ptu"), PtuBytes.T2Header(0x01010204, 1e-12, 5).Records(1u << 25 | 1).ToArray());
        var error = Assert.Throws<UserError>(() =>
            TimeTagConverter.Convert(dir.File("bad.ptu"), TimeTagFormat.PtuT2, dir.File("out.csv"), TimeTagFormat.Csv));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Matches(@"bad\.ptu: not a valid ptu-t2 file at byte offset \d+: the file ends after 1 records; its header declares 5", error.Message);
        Assert.Equal(["bad.ptu"], dir.FileNames());
    }

    [Fact]
    public void Csv_rejects_a_bad_line_with_its_number()
    {
        var bytes = "time_ps,channel,kind\n10,1,detection\n20,x,detection\n"u8.ToArray();
        var error = Assert.Throws<MalformedFileException>(() => TimeTagCsv.Read(new MemoryStream(bytes)).ToList());
        Assert.Equal(36, error.Offset);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Gsctl_convert_reports_counts_and_fails_in_one_line_on_a_file_that_is_not_what_it_claims()
    {
        using var dir = new TempDirectory();
        WritePtu(dir.File("in.ptu"), Events);
        var ok = GsctlProcess.RunIn(dir.Path, "convert", "in.ptu", "out.bin", "--to", "qcrypto-a1");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("out.bin: 5 events written as qcrypto-a1 from 5 read as ptu-t2", ok.Stdout);

        var wrong = GsctlProcess.RunIn(dir.Path, "convert", "out.bin", "x.csv", "--from", "ptu-t2");
        Assert.Equal(ExitCodes.Usage, wrong.ExitCode);
        Assert.Equal("gsctl: out.bin is not a PTU file: at byte offset 0 it does not start with \"PQTTTR\"", wrong.Stderr.Trim());

        var unknown = GsctlProcess.RunIn(dir.Path, "convert", "out.bin", "x.csv");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("give --from", unknown.Stderr);
        Assert.DoesNotContain("x.csv", dir.FileNames());
    }

    /// <summary>
    /// A timestamp7-like capture: detections at random gaps of 50 ns to 50 µs, detector 3 skewed 97 µs early as
    /// readevents7 -d does after the card's time ordering (so the file steps back by up to 97 µs), as a1 words.
    /// </summary>
    private static ulong[] SkewedCapture(int count)
    {
        var random = new Random(17);
        var words = new List<ulong>();
        ulong ticks = 1UL << 40;
        for (var i = 0; i < count; i++)
        {
            ticks += (ulong)random.NextInt64(50 * 256, 50_000 * 256);
            var detector = random.Next(4);
            var skewed = detector == 3 ? ticks - 97_000 * 256 : ticks;
            words.Add(skewed << 10 | 1UL << detector);
        }

        return words.ToArray();
    }

    private static byte[] AsA1(IEnumerable<ulong> words) => words.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] AsA1Swapped(IEnumerable<ulong> words) =>
        words.SelectMany(w => BitConverter.GetBytes((uint)(w >> 32)).Concat(BitConverter.GetBytes((uint)w))).ToArray();

    [Fact]
    public void A_skewed_capture_converts_to_every_format_without_warnings()
    {
        using var dir = new TempDirectory();
        var words = SkewedCapture(3000);
        File.WriteAllBytes(dir.File("capture.bin"), AsA1(words));
        foreach (var (name, format) in new[] { ("a.bin", TimeTagFormat.QcryptoA1), ("x.bin", TimeTagFormat.QcryptoA1Swapped), ("l.bin", TimeTagFormat.QcryptoRaw), ("p.ptu", TimeTagFormat.PtuT2), ("c.csv", TimeTagFormat.Csv) })
        {
            var summary = TimeTagConverter.Convert(dir.File("capture.bin"), TimeTagFormat.QcryptoA1, dir.File(name), format);
            Assert.Equal((3000L, 3000L), (summary.EventsRead, summary.EventsWritten));
            Assert.Empty(summary.Warnings);
        }

        // Everything but PTU keeps the file's order; PTU holds the same events in time order.
        using var csv = File.OpenRead(dir.File("c.csv"));
        using var ptu = File.OpenRead(dir.File("p.ptu"));
        var inOrder = TimeTagCsv.Read(csv).ToList();
        Assert.Contains(inOrder.Zip(inOrder.Skip(1)), p => p.Second.TimePicoseconds < p.First.TimePicoseconds);
        Assert.Equal(inOrder.OrderBy(t => t.TimePicoseconds), PtuT2Reader.Read(ptu));
        Assert.Equal(AsA1Swapped(words), File.ReadAllBytes(dir.File("x.bin")));
    }

    [Theory]
    [InlineData(false, "qcrypto-raw", "qcrypto-a1")]
    [InlineData(true, "qcrypto-a1", "qcrypto-raw or qcrypto-a1x")]
    public void A_file_read_with_its_halves_in_the_wrong_order_warns_and_names_the_layout_it_reads_well_as(
        bool writtenSwapped, string readName, string suggested)
    {
        using var dir = new TempDirectory();
        var words = SkewedCapture(2000);
        File.WriteAllBytes(dir.File("capture.bin"), writtenSwapped ? AsA1Swapped(words) : AsA1(words));
        var summary = TimeTagConverter.Convert(dir.File("capture.bin"), TimeTagFormats.Parse(readName), dir.File("out.csv"), TimeTagFormat.Csv);
        var warning = Assert.Single(summary.Warnings);
        Assert.Matches($@"capture\.bin: \d+ of 2000 events step back in time by more than 1 ms \(largest [\d.]+ (s|ms)\); " +
                       $@"detector skew steps back by well under 1 ms: is it really {readName}\? Its start reads without such steps as {suggested}$", warning);
    }

    [Fact]
    public void An_a1x_file_read_as_legacy_warns_that_it_uses_the_fine_time_bits()
    {
        // Read as legacy, a1x words keep their order (only the five finest bits are lost), so only their bits
        // 13-14 give them away: legacy writers never set them.
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("capture.bin"), AsA1Swapped(SkewedCapture(2000)));
        var summary = TimeTagConverter.Convert(dir.File("capture.bin"), TimeTagFormat.QcryptoRaw, dir.File("out.csv"), TimeTagFormat.Csv);
        Assert.Matches(@"capture\.bin: \d+ of 2000 events have bits 13-14 set, which qcrypto-raw leaves free .*read as qcrypto-a1x", Assert.Single(summary.Warnings));

        // A real legacy file (time in 1/8 ns from bit 15, bits 4-14 clear) gives no warning.
        var legacy = SkewedCapture(2000).Select(w => (w >> 15 << 15) | (w & 0xF));
        File.WriteAllBytes(dir.File("legacy.bin"), AsA1Swapped(legacy));
        Assert.Empty(TimeTagConverter.Convert(dir.File("legacy.bin"), TimeTagFormat.QcryptoRaw, dir.File("l.csv"), TimeTagFormat.Csv).Warnings);
    }

    [Fact]
    public void Gsctl_convert_prints_the_layout_warning_on_stderr_and_still_converts()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("capture.bin"), AsA1(SkewedCapture(500)));
        var result = GsctlProcess.RunIn(dir.Path, "convert", "capture.bin", "out.csv", "--from", "qcrypto-raw");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("gsctl: warning: capture.bin: ", result.Stderr);
        Assert.Contains("Its start reads without such steps as qcrypto-a1", result.Stderr);
        Assert.Matches(@"^out\.csv: \d+ events written as csv from \d+ read as qcrypto-raw\n$", result.Stdout);
    }

    [Fact]
    public void Undefined_special_records_survive_ptu_to_csv_to_ptu_and_are_counted_as_skipped_into_qcrypto()
    {
        using var dir = new TempDirectory();
        var bytes = PtuBytes.T2Header(0x01010204, 1e-12, 3).Records(
            1u << 25 | 100, 0x80000000u | 40u << 25 | 200, 0x80000000u | 250).ToArray();
        File.WriteAllBytes(dir.File("in.ptu"), bytes);
        TimeTagConverter.Convert(dir.File("in.ptu"), TimeTagFormat.PtuT2, dir.File("mid.csv"), TimeTagFormat.Csv);
        Assert.Equal("time_ps,channel,kind\n100,1,detection\n200,40,special\n250,0,sync\n", File.ReadAllText(dir.File("mid.csv")));
        TimeTagConverter.Convert(dir.File("mid.csv"), TimeTagFormat.Csv, dir.File("out.ptu"), TimeTagFormat.PtuT2);
        using (var ptu = File.OpenRead(dir.File("out.ptu")))
        {
            Assert.Equal([new TimeTag(100, 1), new TimeTag(200, 40, TimeTagKind.UndefinedSpecial), new TimeTag(250, 0, TimeTagKind.Sync)],
                PtuT2Reader.Read(ptu));
        }

        var result = GsctlProcess.RunIn(dir.Path, "convert", "in.ptu", "out.bin", "--to", "qcrypto-a1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("out.bin: 1 events written as qcrypto-a1 from 3 read as ptu-t2, 2 skipped that qcrypto-a1 cannot hold (1 sync, 1 special)", result.Stdout);
    }

    [Fact]
    public void A_step_back_beyond_what_the_ptu_writer_reorders_names_the_event()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.csv"), "time_ps,channel,kind\n5000000000,0,detection\n2000000000,1,detection\n");
        var error = Assert.Throws<UserError>(() =>
            TimeTagConverter.Convert(dir.File("in.csv"), TimeTagFormat.Csv, dir.File("out.ptu"), TimeTagFormat.PtuT2));
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.StartsWith($"{dir.File("in.csv")}: event 2 (2000000000 ps, channel 1) cannot be written as ptu-t2: it is 3 ms earlier", error.Message);
        Assert.Equal(["in.csv"], dir.FileNames());
    }

    [Fact]
    public void Gsctl_convert_has_help()
    {
        var help = GsctlProcess.Run("convert", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("qcrypto-a1x", help.Stdout);
        Assert.Contains("--from", help.Stdout);
    }
}

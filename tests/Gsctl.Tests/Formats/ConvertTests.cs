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
        Assert.Equal(new ConversionSummary(5, 5, 0), summary);
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

    [Fact]
    public void Gsctl_convert_has_help()
    {
        var help = GsctlProcess.Run("convert", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("qcrypto-a1", help.Stdout);
        Assert.Contains("--from", help.Stdout);
    }
}

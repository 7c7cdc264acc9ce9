using System.Text.Json;
using GroundStation.Firmware.App.Config;
using GroundStation.Gsctl.Config;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Config;

/// <summary>gsctl config against one running simulation board, attached through its pty by successive gsctl processes.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly SimBoardProcess _board = SimBoardProcess.Start(["--baud", "921600"], TimeSpan.FromSeconds(30));
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _board.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Export_writes_every_field_the_version_and_the_records_crc()
    {
        var file = _temp.File("device.json");
        var result = Gsctl("config", "export", file);
        Assert.True(result.ExitCode == 0, result.Stderr);

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        Assert.Equal(DeviceConfigCodec.CurrentVersion, root.GetProperty("version").GetInt32());
        foreach (var field in DeviceConfigFields.All)
        {
            Assert.True(root.TryGetProperty(field.Name, out _), field.Name);
        }

        // The firmware's factory defaults, and the checksum is the CRC-32 at the end of the codec's record of them.
        Assert.Equal(500, root.GetProperty("CoincidenceWindowPs").GetInt32());
        var record = DeviceConfigRecord.Encode(new DeviceConfig());
        Assert.Equal(DeviceConfigJson.FormatChecksum(BitConverter.ToUInt32(record, record.Length - 4)), root.GetProperty("checksum").GetString());
        Assert.Equal([], _temp.FileNames().Where(n => n.EndsWith(".partial", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_corrupted_file_is_refused_naming_the_field_and_the_device_is_unchanged()
    {
        var original = _temp.File("original.json");
        Assert.Equal(0, Gsctl("config", "export", original).ExitCode);

        // An out-of-range value (checksum line removed, so the range check is what refuses it).
        var lines = File.ReadAllLines(original).Where(l => !l.Contains("\"checksum\"", StringComparison.Ordinal)).ToList();
        lines[^2] = lines[^2].TrimEnd(',');
        var bad = _temp.File("bad.json");
        File.WriteAllLines(bad, lines.Select(l => l.Contains("CoincidenceWindowPs", StringComparison.Ordinal) ? "  \"CoincidenceWindowPs\": 0," : l));
        var refused = Gsctl("config", "import", bad);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("CoincidenceWindowPs", refused.Stderr);
        Assert.Single(refused.Stderr.Trim().Split('\n'));

        // A value changed but the checksum kept: the file is not what it claims.
        var tampered = _temp.File("tampered.json");
        File.WriteAllText(tampered, File.ReadAllText(original).Replace("\"CoincidenceWindowPs\": 500", "\"CoincidenceWindowPs\": 700", StringComparison.Ordinal));
        var mismatch = Gsctl("config", "import", tampered);
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("checksum", mismatch.Stderr);

        var after = _temp.File("after.json");
        Assert.Equal(0, Gsctl("config", "export", after).ExitCode);
        Assert.Equal(File.ReadAllText(original), File.ReadAllText(after));
    }

    [Fact]
    public void Set_get_and_import_change_the_device_through_its_record()
    {
        var set = Gsctl("config", "set", "SkewPs[3]", "120");
        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.Contains("SkewPs[3] = 120 (was 0)", set.Stdout);
        Assert.Equal("0,0,0,120,0,0,0,0", Gsctl("config", "get", "skewps").Stdout.Trim());

        var file = _temp.File("edited.json");
        Assert.Equal(0, Gsctl("config", "export", file).ExitCode);
        var edited = string.Join('\n', File.ReadAllLines(file).Where(l => !l.Contains("\"checksum\"", StringComparison.Ordinal)))
            .Replace("\"LinkLossTimeoutMs\": 10000,", "\"LinkLossTimeoutMs\": 20000", StringComparison.Ordinal);
        File.WriteAllText(file, edited);
        var import = Gsctl("config", "import", file, "--save");
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Equal("20000", Gsctl("config", "get", "LinkLossTimeoutMs").Stdout.Trim());

        var unknown = Gsctl("config", "set", "CoincidenceWindowPs", "0");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("CoincidenceWindowPs must be 1 .. 1000000", unknown.Stderr);
        Assert.Equal("500", Gsctl("config", "get", "CoincidenceWindowPs").Stdout.Trim());
    }

    [Theory]
    [InlineData("5", @".*: format: 5 is not ""gsctl-device-config""; nothing was changed on the device$")]
    [InlineData("\"gsctl-other\"", @".*: format: ""gsctl-other"" is not ""gsctl-device-config""; nothing was changed on the device$")]
    public void A_file_of_another_format_is_refused_naming_it(string format, string message)
    {
        var file = _temp.File("device.json");
        Assert.Equal(0, Gsctl("config", "export", file).ExitCode);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"format\": \"gsctl-device-config\"", $"\"format\": {format}", StringComparison.Ordinal));

        var result = Gsctl("config", "import", file);

        GsctlAssert.OneLineError(result, 2, message);
    }

    [Fact]
    public void A_receiver_map_with_a_role_twice_is_refused_before_anything_is_sent()
    {
        var result = Gsctl("config", "set", "ReceiverMap[1]", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ReceiverMap[1]: role 0 is already taken", result.Stderr);
        Assert.Equal("0,1,2,3", Gsctl("config", "get", "ReceiverMap").Stdout.Trim());
    }

    [Fact]
    public void Every_config_subcommand_has_help()
    {
        foreach (var sub in new[] { "get", "set", "save", "export", "import" })
        {
            var help = GsctlProcess.Run("config", sub, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--port", help.Stdout);
        }
    }

    private GsctlResult Gsctl(params string[] args) => GsctlProcess.Run([.. args, "--port", _board.UartPath]);
}

/// <summary>
/// A configuration file whose values have the wrong JSON type is refused in one line that names the field and
/// the JSON type found (before: a stack trace naming .NET's 'Number' and 'String' element types), before any port
/// is opened.
/// </summary>
public sealed class ConfigFileTypeTests
{
    [Theory]
    [InlineData("""{ "format": "gsctl-device-config", "version": "1" }""", "version: expected a whole number (32-bit), found a string \"1\"")]
    [InlineData("""{ "format": "gsctl-device-config", "version": true }""", "version: expected a whole number (32-bit), found a boolean true")]
    [InlineData("""{ "format": "gsctl-device-config", "version": 1.5 }""", "version: expected a whole number (32-bit), found the number 1.5")]
    public void A_value_of_the_wrong_json_type_is_one_line_naming_field_and_type(string json, string expected)
    {
        using var temp = new TempDirectory();
        var file = temp.File("config.json");
        File.WriteAllText(file, json);

        var result = GsctlProcess.Run("config", "import", file, "--port", "/dev/ttyGS-not-opened");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal($"gsctl: {file}: {expected}; nothing was changed on the device", line);
    }
}

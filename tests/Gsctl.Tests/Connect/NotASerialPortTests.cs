using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Connect;

/// <summary>
/// A --port that exists but is no serial port is named for what it is, one line, exit 3: /dev/null or a regular
/// file "is not a serial device" (before: "no access ... dialout group"), a directory "is a directory" (before:
/// "does not exist").
/// </summary>
public sealed class NotASerialPortTests
{
    [Theory]
    [InlineData("null device")]
    [InlineData("regular file")]
    [InlineData("directory")]
    public void A_path_that_is_not_a_serial_port_says_what_it_is(string kind)
    {
        using var temp = new TempDirectory();
        var path = kind switch
        {
            "null device" => "/dev/null",
            "regular file" => temp.File("capture.bin"),
            _ => temp.Path,
        };
        if (kind == "regular file")
        {
            File.WriteAllBytes(path, [1, 2, 3]);
        }

        var result = GsctlProcess.Run("connect", "--port", path);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal(kind == "directory" ? $"gsctl: {path} is a directory, not a serial port (`gsctl ports` lists the ports)"
            : $"gsctl: {path} is not a serial device (`gsctl ports` lists the ports)", line);
    }
}

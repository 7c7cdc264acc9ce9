using System.Diagnostics;
using System.Globalization;
using GroundStation.Gsctl.Commands;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// The simulation board holds its clock while the host owes the firmware an answer, but never forever: a host that
/// keeps the link up yet never answers an announcement (as `gsctl record --sim` does: nobody plays the satellite)
/// is slow for real after a second, and the pass goes on in real time, the firmware shedding the clicks it cannot
/// announce (counted). Before, the board held at "announcement awaiting match" for as long as the host lived.
/// </summary>
public sealed class SilentHostPassTests
{
    [Fact]
    public void A_pass_whose_announcements_are_never_answered_still_ends_with_its_drops_counted()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 2 }""");
        using var connection = DeviceConnection.StartSimulation(DeviceConnection.DefaultBaud, ["--seed", "2", "--pass", passFile]);
        connection.Client.Received = (_, _) => { }; // the link stays up; sifting is never answered
        for (var detector = 1; detector <= 4; detector++)
        {
            Execute(connection, $"DET:GATE {detector},ON");
        }

        Execute(connection, "SIM:STAR");
        var hangDetector = Stopwatch.StartNew();
        string[] status;
        do
        {
            Thread.Sleep(200);
            status = Execute(connection, "SIM:STAT?").Split(',');
            Assert.True(hangDetector.Elapsed < TimeSpan.FromSeconds(90), $"the pass stalled: {string.Join(',', status)}");
        }
        while (status[0] != "2");

        Assert.True(long.Parse(status[11], CultureInfo.InvariantCulture) >= 1, "no hold expired: " + string.Join(',', status));
        var sifting = Execute(connection, "SIFT:STAT?").Split(',').Select(long.Parse).ToArray();
        Assert.True(sifting[0] > 1000, $"only {sifting[0]} clicks reached sifting");
        Assert.True(sifting[4] > sifting[0] / 2, $"{sifting[4]} of {sifting[0]} clicks dropped: sifting was not stalled?");
    }

    private static string Execute(DeviceConnection connection, string line)
    {
        var result = connection.Client.Execute(line, TimeSpan.FromSeconds(5));
        Assert.True(result.Ok, $"{line}: {result.Text}");
        return result.Text;
    }
}

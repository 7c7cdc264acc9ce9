using System.Text.RegularExpressions;
using GroundStation.Boards.Esp32;

namespace GroundStation.Tests.Hal;

/// <summary>The README pin tables mirror PinMap.cs: the same GPIO numbers, no more, no fewer.</summary>
public class BoardReadmeTests
{
    public static TheoryData<string> Boards => new() { "esp32-devkitc", "esp32-wrover" };

    [Theory]
    [MemberData(nameof(Boards))]
    public void Readme_pin_table_lists_exactly_the_pin_map_gpios(string board)
    {
        Esp32PinMap map = board == "esp32-devkitc"
            ? GroundStation.Boards.Esp32DevKitC.PinMap.Create()
            : GroundStation.Boards.Esp32Wrover.PinMap.Create();
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "boards", board, "README.md"));

        var tablePins = Regex.Matches(readme, @"^\|[^|]+\|\s*(\d+)\s*\|", RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value)).OrderBy(p => p).ToArray();
        var mapPins = map.ToAssignments().Select(p => p.Pin).OrderBy(p => p).ToArray();

        Assert.Equal(mapPins, tablePins);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GroundStationFw.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

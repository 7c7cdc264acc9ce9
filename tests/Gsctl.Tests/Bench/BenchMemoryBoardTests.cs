using System.Text.Json;
using GroundStation.Testbed.Bench.Memory;
using GroundStation.Hal;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Bench;

/// <summary>`gsctl bench memory --board` takes a board by its short name or by its boards/ folder name.</summary>
public sealed class BenchMemoryBoardTests
{
    [Theory]
    [InlineData("esp32-devkitc", "devkitc")]
    [InlineData("esp32-wrover", "wrover")]
    public void Folder_names_name_the_same_board_as_the_short_names(string folder, string board)
    {
        Assert.Equal(board, FirmwareMemoryProbe.ShortName(folder));
        Assert.Equal(FirmwareMemoryProbe.BudgetFor(board).ManagedHeapBudgetBytes, FirmwareMemoryProbe.BudgetFor(folder).ManagedHeapBudgetBytes);
    }

    [Fact]
    public void The_cli_runs_the_probe_for_a_board_folder_name()
    {
        var result = GsctlProcess.Run("bench", "memory", "--board", "esp32-devkitc", "--quick", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("devkitc", json.RootElement.GetProperty("board").GetString());
        Assert.Equal(BufferBudget.SmallHeap().ManagedHeapBudgetBytes, json.RootElement.GetProperty("heapBudgetBytes").GetInt32());
    }
}

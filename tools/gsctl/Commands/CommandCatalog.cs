using System.CommandLine;
using GroundStation.Gsctl.Bench;

namespace GroundStation.Gsctl.Commands;

/// <summary>Every top-level gsctl command, in the order `gsctl --help` lists them. One line per command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        VersionCommand.Create(),
        PortsCommand.Create(),
        ConnectCommand.Create(),
        SimCommand.Create(),
        BenchCommand.Create(),
        ConvertCommand.Create(),
        RecordCommand.Create(),
        PeerCommand.Create(),
        PostprocessCommand.Create(),
        PoolCommand.Create(),
        PlotCommand.Create(),
        StatusCommand.Create(),
        ConfigCommand.Create(),
        CalibrateCommand.Create(),
        PassCommand.Create(),
    ];
}

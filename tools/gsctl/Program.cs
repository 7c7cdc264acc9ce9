using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Commands;

namespace GroundStation.Gsctl;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand(
            "gsctl: the host companion tool of the GroundStationFw optical ground station.\n" +
            "Talks to the firmware over a serial line (a real port or the simulation board's pseudo-terminal),\n" +
            "runs simulated satellite passes, records keys and raw detections, and benchmarks the firmware's code.");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        return UsageErrors.ParseAndInvoke(root, args);
    }
}

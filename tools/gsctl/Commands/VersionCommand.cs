using System.CommandLine;
using System.Reflection;
using GroundStation.Protocol;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl version`: the host tool's version and the link protocol version it speaks.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print gsctl's version and the link protocol version it speaks.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"gsctl {version}");
            Console.WriteLine($"protocol {ProtocolVersion.Current}");
            return 0;
        });
        return command;
    }
}

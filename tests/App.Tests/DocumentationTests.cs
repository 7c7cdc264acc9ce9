using GroundStation.Firmware.App.Config;
using GroundStation.Protocol.Console;

namespace GroundStation.Tests.App;

/// <summary>The protocol specification states the limits the firmware enforces (it once said 200 characters and 3 s).</summary>
public sealed class DocumentationTests
{
    private static readonly string ProtocolReadme = File.ReadAllText(Path.Combine(RepoRoot(), "protocol", "README.md"));

    [Fact]
    public void The_console_line_limit_is_the_one_the_command_table_enforces()
    {
        Assert.Contains($"line longer than {CommandTable.MaxLineLength} characters", ProtocolReadme);
        Assert.DoesNotContain("line longer than 200 characters", ProtocolReadme);

        var rig = new FirmwareRig();
        Assert.Contains("ERROR -363,", rig.Console(new string('A', CommandTable.MaxLineLength + 1)));
    }

    [Fact]
    public void The_link_falls_back_to_the_console_after_the_configured_link_loss_time()
    {
        int seconds = new DeviceConfig().LinkLossTimeoutMs / 1000;
        Assert.Contains($"`LinkLossTimeoutMs`, **{seconds} s** by default", ProtocolReadme);

        // And the firmware does: a host that goes silent is dropped after 10 s, not 3 s.
        var rig = new FirmwareRig();
        var host = new RigHost(rig);
        host.Connect();
        host.Listening = false;
        rig.Run(9_000_000);
        Assert.Equal(GroundStation.Protocol.LinkMode.Binary, rig.App.Link.Mode);
        rig.Run(1_600_000);
        Assert.Equal(GroundStation.Protocol.LinkMode.Console, rig.App.Link.Mode);
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

using GroundStation.Firmware.App.Config;
using GroundStation.Protocol;
using GroundStation.Protocol.Console;

namespace GroundStation.Tests.App;

/// <summary>
/// Console/gsctl parity: every command in the firmware's table answers the same typed on the console and sent as a
/// binary Command message through gsctl's host session, because both run the one <see cref="CommandTable"/> of the
/// device endpoint. A command added to the table without a sample line here fails the test, so new commands are
/// covered too.
/// </summary>
public sealed class CommandParityTests
{
    /// <summary>Parameters that make each command with parameters succeed on a healthy, idle board.</summary>
    private static readonly Dictionary<string, string> SampleParameters = new()
    {
        ["DETector:GATE"] = "2,OFF",
        ["DETector:GATE?"] = "2",
        ["DETector:CLEar"] = "2",
        ["DETector:FAULt?"] = "2",
        ["DETector:RATE?"] = "2",
        ["DETector:TEMPerature?"] = "2",
        ["DETector:BIAS"] = "2,1500",
        ["DETector:BIAS?"] = "2",
        ["TIMing:PREDiction"] = "5000000,123456,1000000",
        ["TIMing:SKEW?"] = "3",
        ["CALibrate:DARK"] = "1",
        ["CALibrate:DARK?"] = "2",
        ["CONFigure:IMPort"] = DefaultConfigurationHex(),
    };

    /// <summary>Queries with nothing to report on an idle board (no tagger record, no prediction): they must fail
    /// with the same error both ways.</summary>
    private static readonly HashSet<string> FailOnAnIdleBoard = ["TIMing:NOW?", "TIMing:PREDiction?"];

    /// <summary>State a command needs to succeed, set up on both rigs before it runs.</summary>
    private static readonly Dictionary<string, Action<FirmwareRig>> Preconditions = new()
    {
        // A dark count needs a detector switched on (with every one off it is refused, CAL:DARK in DeviceCommands).
        ["CALibrate:DARK 1"] = rig => Assert.True(rig.App.Safety.SetGate(1, true)),
    };

    /// <summary>Commands an idle board refuses (no beacon lock): both ways must refuse them the same.</summary>
    private static readonly HashSet<string> RefusedWhenIdle = ["CALibrate:SKEW:STARt"];

    /// <summary>Link payload (512) minus the CommandReply header (request id, status).</summary>
    private const int CommandTableReplyLimit = 512 - CommandPayload.ReplyHeaderLength;

    public static TheoryData<string> EveryCommand()
    {
        var data = new TheoryData<string>();
        foreach (var line in SampleLines(new FirmwareRig().App.Link.Commands))
        {
            data.Add(line);
        }

        return data;
    }

    [Fact]
    public void Every_command_in_the_table_has_a_sample_line()
    {
        var table = new FirmwareRig().App.Link.Commands;
        var lines = SampleLines(table).ToList();

        Assert.Equal(table.Count, lines.Count);
        Assert.True(table.Count >= 30, $"the firmware registers its commands in the endpoint's table ({table.Count})");
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Command_answers_the_same_on_the_console_and_as_a_binary_command_message(string line)
    {
        var consoleRig = new FirmwareRig();
        Preconditions.GetValueOrDefault(line)?.Invoke(consoleRig);
        var console = consoleRig.Console(line);

        var linkRig = new FirmwareRig();
        Preconditions.GetValueOrDefault(line)?.Invoke(linkRig);
        var host = new RigHost(linkRig);
        host.Connect();
        var (status, text) = host.Execute(line);

        if (FailOnAnIdleBoard.Contains(line) || RefusedWhenIdle.Contains(line))
        {
            Assert.Equal(FailOnAnIdleBoard.Contains(line) ? ScpiError.ExecutionError : ScpiError.SettingsConflict, status);
            Assert.Equal("ERROR " + text, console);
            return;
        }

        Assert.False(console.StartsWith("ERROR", StringComparison.Ordinal), $"'{line}' failed on the console: {console}");
        Assert.Equal(0, status);

        // The console confirms a setting that has no reply text with "OK"; the binary reply is then empty.
        var binary = text.Length == 0 ? "OK" : text;
        switch (line)
        {
            case "LINK:STATus?":
                // The one command whose answer is the mode it is asked in.
                Assert.StartsWith("CONSOLE,", console);
                Assert.StartsWith("BINARY,", binary);
                break;
            case "TELemetry?" or "HELP" or "HELP?":
                // Known limit: a CommandReply is one frame (512-byte payload), so these long texts are cut there over
                // the link (gsctl gets every telemetry field from the binary Telemetry record instead). What arrives is
                // the console's text up to the cut; uptime differs (the binary rig spent time on the handshake).
                Assert.True(binary.Length >= 400 && binary.Length <= CommandTableReplyLimit);
                Assert.StartsWith(WithoutUptime(binary), WithoutUptime(console));
                break;
            default:
                Assert.Equal(console, binary);
                break;
        }
    }

    [Fact]
    public void A_command_registered_at_run_time_is_reachable_both_ways_because_there_is_one_table()
    {
        var rig = new FirmwareRig();
        var calls = new List<bool>();
        rig.App.Link.Commands.Register("TEST:PARity", true, 1, 1, "parity probe", c =>
        {
            calls.Add(c.FromLink);
            c.Reply("echo " + c.Parameter(0));
        });

        Assert.Equal("echo 41", rig.Console("TEST:PAR? 41"));
        var host = new RigHost(rig);
        host.Connect();
        Assert.Equal((0, "echo 42"), host.Execute("test:parity? 42"));
        Assert.Equal(new[] { false, true }, calls);
    }

    [Fact]
    public void Errors_come_back_the_same_way_too()
    {
        var rig = new FirmwareRig();
        var console = rig.Console("DET:GATE 9,ON");
        var host = new RigHost(rig);
        host.Connect();
        var (status, text) = host.Execute("DET:GATE 9,ON");

        Assert.Equal(ScpiError.DataOutOfRange, status);
        Assert.Equal("ERROR " + text, console);
    }

    private static IEnumerable<string> SampleLines(CommandTable table)
    {
        for (int i = 0; i < table.Count; i++)
        {
            var command = table[i];
            var name = command.Header + (command.IsQuery ? "?" : "");
            if (command.MinParameters == 0)
            {
                yield return name;
            }
            else
            {
                Assert.True(SampleParameters.TryGetValue(name, out var parameters), $"no sample parameters for {name}: add one");
                yield return name + " " + parameters;
            }
        }
    }

    private static string WithoutUptime(string telemetry) =>
        string.Join("\n", telemetry.Split('\n').Where(l => !l.StartsWith("uptime_ms=", StringComparison.Ordinal)));

    private static string DefaultConfigurationHex()
    {
        var record = new byte[DeviceConfigCodec.Length];
        int length = DeviceConfigCodec.Write(new DeviceConfig { LinkLossTimeoutMs = 5000 }, record);
        return Hex.Encode(record, 0, length);
    }
}

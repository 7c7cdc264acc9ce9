using System.Globalization;
using System.Text.RegularExpressions;
using GroundStation.Host.Link;
using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Pass;

/// <summary>
/// `gsctl pass load` against the simulation board playing a pass from the same element set (the pass file's
/// "orbit"): the device holds the prediction gsctl sent, it matches the simulator's own arrival time of that slot,
/// and with it the firmware locks with the absolute slot numbering resolved (without it, it does not).
/// </summary>
public sealed partial class PassLoadCommandTests(PassLoadFixture fixture) : IClassFixture<PassLoadFixture>
{
    private const ulong Seed = PassLoadFixture.Seed;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private readonly string _prediction = fixture.Prediction;
    private readonly DateTime _rise = fixture.Rise;
    private readonly string _passFile = fixture.PassFile;

    [Fact]
    public void The_device_holds_the_simulators_arrival_time_and_locks_with_the_slot_numbering_resolved()
    {
        using var board = StartBoard();
        // The simulated tagger reads clocks.ground.offsetSeconds (1.5 us) at the pass start and runs 2 ppm fast.
        var load = GsctlProcess.Run("pass", "load", "--port", board.UartPath, "--prediction", _prediction, "--slot-epoch", Iso(_rise),
            "--tagger-time", $"1500000@{Iso(_rise)}", "--tagger-clock-ppm", "2");

        Assert.True(load.ExitCode == 0, load.Stdout + load.Stderr);
        var sent = SentPrediction().Match(load.Stdout);
        Assert.True(sent.Success, load.Stdout);
        var (groundPs, slot, uncertaintyPs) = (long.Parse(sent.Groups[1].Value), long.Parse(sent.Groups[2].Value), long.Parse(sent.Groups[3].Value));
        Assert.Contains("the firmware numbers slots from it at lock", load.Stdout);

        // Independently: the simulator's ideal arrival of that slot in its own tagger clock model.
        var simulator = new PassSimulator(PassFile.Load(_passFile), Seed);
        var truthPs = simulator.Physics.IdealArrivalGroundPs(slot);
        Assert.InRange(groundPs - truthPs, -uncertaintyPs, uncertaintyPs);
        Assert.InRange(groundPs - truthPs, -1e6, 1e6); // the clocks' 2 ppm over 4 ms, and rounding: well under 1 us

        using var client = Connect(board);
        Assert.Equal($"{groundPs},{slot},{uncertaintyPs}", Run(client, "TIM:PRED?"));
        var timing = PlayUntilLocked(client);
        Assert.Equal("1", timing[1]); // index resolved: absolute slot numbers from the prediction
    }

    [Fact]
    public void Without_the_prediction_the_same_pass_locks_on_the_frame_marker_alone_unresolved()
    {
        using var board = StartBoard();
        using var client = Connect(board);

        var timing = PlayUntilLocked(client);

        Assert.Equal("0", timing[1]);
    }

    [Fact]
    public void Without_a_tagger_time_the_device_is_asked_and_a_device_without_tagger_records_is_reported()
    {
        using var board = StartBoard();

        var load = GsctlProcess.Run("pass", "load", "--port", board.UartPath, "--prediction", _prediction, "--slot-epoch", Iso(_rise));

        Assert.Equal(1, load.ExitCode);
        Assert.Contains("has not read a tagger record yet", load.Stderr);
        Assert.Single(load.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "--slot-epoch", "RISE" }, "give --prediction FILE")]
    [InlineData(new[] { "--prediction", "PRED" }, "give --slot-epoch UTC")]
    [InlineData(new[] { "--prediction", "PRED", "--slot-epoch", "RISE", "--pass", "9" }, "has no pass 9")]
    [InlineData(new[] { "--prediction", "PRED", "--slot-epoch", "RISE", "--pulse-rate", "5e7" }, "differs from the device's PulseRateHz 100000000")]
    [InlineData(new[] { "--prediction", "PRED", "--slot-epoch", "RISE", "--tagger-time", "12@noon" }, "--tagger-time 'noon' is not a UTC time")]
    [InlineData(new[] { "--prediction", "PRED", "--slot-epoch", "2030-01-01T00:00:00Z" }, "is after pass 1 sets")]
    [InlineData(new[] { "--prediction", "PASS", "--slot-epoch", "RISE" }, "not a prediction file")]
    [InlineData(new[] { "--prediction", "PRED", "--slot-epoch", "RISE", "--lead-seconds", "30" }, "every pass has set by")] // waits on the host clock: 2024 is past
    public void Bad_input_is_one_line_and_exit_2(string[] arguments, string message)
    {
        var args = arguments.Select(a => a switch { "PRED" => _prediction, "PASS" => _passFile, "RISE" => Iso(_rise), _ => a }).ToList();

        if (!args.Contains("--tagger-time"))
        {
            args.AddRange(["--tagger-time", $"1500000@{Iso(_rise)}"]);
        }

        var result = GsctlProcess.Run(["pass", "load", "--sim", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(message, result.Stderr);
    }

    private SimBoardProcess StartBoard() =>
        SimBoardProcess.Start(["--baud", "921600", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--pass", _passFile],
            TimeSpan.FromSeconds(30));

    private static LinkClient Connect(SimBoardProcess board)
    {
        var client = LinkClient.Open(board.UartPath, 921600);
        client.Connect(CommandTimeout);
        return client;
    }

    /// <summary>Starts the pass and polls TIM:STAT? until the firmware locks; returns its fields.</summary>
    private static string[] PlayUntilLocked(LinkClient client)
    {
        Assert.Equal("OK", Run(client, "SIM:STAR"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var fields = Run(client, "TIM:STAT?").Split(',');
            if (fields[0] == "2")
            {
                return fields;
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException("the firmware did not lock on the simulated pass within 60 s");
    }

    private static string Run(LinkClient client, string line)
    {
        var result = client.Execute(line, CommandTimeout);
        Assert.True(result.Ok, $"{line}: {result.Text}");
        return result.Text;
    }

    private static string Iso(DateTime utc) => PassLoadFixture.Iso(utc);

    [GeneratedRegex(@"sent TIM:PRED (\d+),(\d+),(\d+);")]
    private static partial Regex SentPrediction();
}

/// <summary>One prediction (a day of passes above 20 deg) and a 4 s simulated pass starting at the first rise, for all tests.</summary>
public sealed class PassLoadFixture : IDisposable
{
    public const ulong Seed = 3;
    private readonly TempDirectory _temp = new();

    public PassLoadFixture()
    {
        var output = _temp.File("predictions");
        var predict = GsctlProcess.Run("pass", "predict", "--tle", PassTestData.WriteTle(_temp.Path), "--station", PassTestData.Station,
            "--start", PassTestData.Start, "--hours", "24", "--min-elevation", "20", "--out", output);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Prediction = Path.Combine(output, "prediction.json");
        Rise = PassTestData.Passes(Prediction)[0].Rise;

        // The simulated pass starts at that rise (slot 0 leaves then), over the same station, 4 s long.
        PassFile = _temp.File("pass.json");
        File.WriteAllText(PassFile, $$"""
            { "durationSeconds": 4,
              "orbit": { "tle": ["{{PassTestData.Line1}}", "{{PassTestData.Line2}}"], "stationLatitudeDeg": 40.3958,
                         "stationLongitudeDeg": 117.5783, "stationAltitudeM": 900, "startUtc": "{{Iso(Rise)}}" } }
            """);
    }

    public string Prediction { get; }

    public DateTime Rise { get; }

    public string PassFile { get; }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public void Dispose() => _temp.Dispose();
}

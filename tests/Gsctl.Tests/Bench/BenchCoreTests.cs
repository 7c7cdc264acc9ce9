using System.Text.Json;
using System.Text.RegularExpressions;
using GroundStation.Testbed.Bench.Core;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Bench;

/// <summary>`gsctl bench core`: its ESP32 estimates, their arithmetic and the callgrind reading behind the native one.</summary>
public sealed class BenchCoreTests
{
    [Fact]
    public void The_callgrind_reading_charges_division_helpers_as_calls_and_counts_widening_multiplies()
    {
        // A hand-made dump: `run` executes 10 + 5 instructions itself (the 5 at a widening multiply's address) and
        // calls __udivdi3 3 times (300 instructions inside); __divmoddi4 calling __divdi3 is a helper calling a helper.
        string[] dump =
        [
            "positions: instr line", "events: Ir",
            "fn=run", "0x1000 1 10", "0x1004 1 5",
            "cfn=__udivdi3", "calls=3 0x2000 0", "0x1008 1 300",
            "fn=__udivdi3", "0x2000 0 300",
            "fn=__divmoddi4", "cfn=__divdi3", "calls=2 0x3000 0", "0x2100 0 80",
        ];

        var counts = Esp32NativeEstimate.Parse(dump, [0x1004]);

        Assert.Equal(15, counts.Instructions); // 315 executed minus the 300 inside the helpers called from `run`
        Assert.Equal(3, counts.Divisions);     // the helper-to-helper calls are not divisions of the core
        Assert.Equal(5, counts.Multiplies);
        Assert.Equal(15, counts.SelfByFunction["run"]);
    }

    [Fact]
    public void The_managed_estimate_is_the_documented_il_count_at_the_stock_images_ns_per_il_and_the_native_build_is_the_locked_one()
    {
        var json = RunBench();

        // 511 IL-op-equivalents (timing 181 + sifting 220 + over-light 111, tests/Interpreter/README.md) x 440 ns
        // = 224.84 us per event -> 4,448 events/s; x 150 ns = 76.65 us -> 13,046/s.
        Assert.Equal(4448, json.GetProperty("managedEsp32EventsPerSecondEstimate").GetDouble());
        Assert.Equal(13046, json.GetProperty("managedEsp32PsramEventsPerSecondEstimate").GetDouble());
        Assert.Equal(511, json.GetProperty("nanoclrIlPerEvent").GetInt32());
        Assert.True(json.GetProperty("managedEventsPerSecond").GetDouble() > 0);
        Assert.Contains("NOT met", json.GetProperty("managedBudget").GetString());

        // Both cores on the desktop give the same slots, sifted bits and blocks, or the native one is not built here.
        if (json.GetProperty("nativeEventsPerSecond").ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty("coresIdentical").ValueKind);
            Assert.StartsWith("not measured: ", json.GetProperty("nativeCore").GetString());
        }
        else
        {
            Assert.True(json.GetProperty("coresIdentical").GetBoolean(), json.GetProperty("coresCompared").GetString());
        }

        var native = json.GetProperty("nativeEsp32EventsPerSecondEstimate");
        if (native.ValueKind == JsonValueKind.Null)
        {
            // Missing tools are one line naming the tool, never a failure.
            Assert.Contains("ESP32 estimate missing", json.GetProperty("nativeEsp32Method").GetString());
            return;
        }

        // The counted 32-bit build ran the same stream to the same slots as the managed core, and ended locked.
        var check = Regex.Match(json.GetProperty("nativeEsp32BuildCheck").GetString()!, @"assigned (\d+) slots \(managed core (\d+)\), timing locked");
        Assert.True(check.Success, json.GetProperty("nativeEsp32BuildCheck").GetString());
        Assert.Equal(check.Groups[2].Value, check.Groups[1].Value);
        Assert.Equal(json.GetProperty("managedAssigned").GetInt64().ToString(), check.Groups[2].Value);

        // cycles = instructions x 1.5 + divisions x 89 + multiplies x 9 (240 MHz / 2.71 M and / 27.55 M per second,
        // the published ESP32 figures), at 240 MHz.
        var cycles = (json.GetProperty("nativeEsp32InstructionsPerEvent").GetDouble() * 1.5)
                     + (json.GetProperty("nativeEsp32Divisions64PerEvent").GetDouble() * 89)
                     + (json.GetProperty("nativeEsp32Multiplies64PerEvent").GetDouble() * 9);
        Assert.Equal(240e6 / cycles, native.GetDouble(), 240e6 / cycles * 0.002);
        Assert.True(json.GetProperty("nativeEsp32EventsPerSecondWithoutMultiplyCharge").GetDouble() > native.GetDouble());

        // The simulation board's esp32-native speed (boards/sim/Speed/Esp32EventCost.cs) is this estimate: a change of
        // the C core that moves it by more than 2 % needs the constant (and the READMEs quoting it) updated.
        var estimateNs = json.GetProperty("nativeEsp32NanosecondsPerEvent").GetDouble();
        var boardNs = json.GetProperty("simBoardNativeNanosecondsPerEvent").GetDouble();
        Assert.True(Math.Abs(boardNs - estimateNs) <= estimateNs * 0.02,
            $"sim board charges {boardNs} ns per native event, the bench estimates {estimateNs} ns");
    }

    [Fact]
    public void A_measured_il_count_replaces_the_documented_one()
    {
        var json = RunBench("--nanoclr-il-per-event", "500");

        // 500 x 440 ns = 220 us -> 4,545/s; 500 x 150 ns = 75 us -> 13,333/s.
        Assert.Equal(4545, json.GetProperty("managedEsp32EventsPerSecondEstimate").GetDouble());
        Assert.Equal(13333, json.GetProperty("managedEsp32PsramEventsPerSecondEstimate").GetDouble());
        Assert.Equal("--nanoclr-il-per-event", json.GetProperty("nanoclrIlPerEventSource").GetString());
    }

    [Fact]
    public void An_impossible_il_count_is_refused_with_exit_2()
    {
        var result = GsctlProcess.Run("bench", "core", "--nanoclr-il-per-event", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--nanoclr-il-per-event must be 1 .. 1000000", result.Stderr);
    }

    private static JsonElement RunBench(params string[] extra)
    {
        var result = GsctlProcess.Run(["bench", "core", "--quick", "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}

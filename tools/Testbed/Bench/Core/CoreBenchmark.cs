using System.Globalization;
using GroundStation.Boards.Sim.Speed;
using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Testbed.Bench.Core;

/// <summary>
/// `gsctl bench core`: events/s of the managed and the native acquisition core on this machine over one generated
/// stream, whether both produce the same slots, and the ESP32 estimates with their method (README.md here).
/// </summary>
public sealed class CoreBenchmark : IBenchmark, IInterpreterCostBenchmark
{
    /// <summary>Issue 15's budgets, events/s on one ESP32 core.</summary>
    public const double NativeBudgetEventsPerSecond = 300_000;
    public const double ManagedBudgetEventsPerSecond = 10_000;

    public string Name => "core";

    public string Description =>
        "Managed vs native acquisition core on one generated stream (events/s, ns/event, identical output?) and their " +
        "ESP32 estimates: native from the 32-bit instruction count (gcc -m32 + valgrind), managed from nanoCLR IL per event.";

    public BenchReport Run(BenchOptions options)
    {
        var scenario = new TimingScenario
        {
            Seed = options.Seed,
            DurationSeconds = options.Quick ? 1.5 : 6,
            BeaconDetectionProbability = 0.3,
        };
        var stream = FifoRecordStream.Generate(scenario);
        options.Progress?.Invoke($"stream: {stream.Count:N0} events over {scenario.DurationSeconds} s (seed {options.Seed})");

        // Each core runs twice on the stream and the second run is timed: the first pays the JIT and first-touch costs.
        CoreRunner.Managed(stream, options.Seed);
        var managed = CoreRunner.Managed(stream, options.Seed);
        var managedRate = managed.Events / managed.Seconds;
        CoreRunner.Native(stream, options.Seed, out _);
        var native = CoreRunner.Native(stream, options.Seed, out var nativeProblem);
        double? nativeRate = native is null ? null : native.Events / native.Seconds;
        bool? identical = native?.SameResultsAs(managed);

        // Prefix: the first 40 % of the stream (lock comes within the first second), so the difference is steady state.
        var prefix = (int)(stream.Count * 0.4);
        var estimate = Esp32NativeEstimate.Run(stream, prefix, options.Progress, out var estimateProblem);

        var ilPerEvent = options.NanoclrIlPerEvent ?? Esp32EventCost.ManagedIlOpsPerEvent;
        var ilSource = options.NanoclrIlPerEvent is null
            ? "documented figure (tests/Interpreter/README.md: nanoCLR, lean core, timing 181 + sifting 220 + over-light check 111)"
            : "--nanoclr-il-per-event";
        var managedSlow = 1e9 / ((double)ilPerEvent * Esp32EventCost.SlowImageNanosecondsPerIlOp);
        var managedFast = 1e9 / ((double)ilPerEvent * Esp32EventCost.FastImageNanosecondsPerIlOp);

        var report = new BenchReport(Name)
            .Add("events", stream.Count)
            .Add("managedEventsPerSecond", Math.Round(managedRate), "/s")
            .Add("managedNanosecondsPerEvent", Math.Round(1e9 / managedRate, 1), "ns")
            .AddOptional("nativeEventsPerSecond", nativeRate is null ? null : Math.Round(nativeRate.Value), "/s")
            .AddOptional("nativeNanosecondsPerEvent", nativeRate is null ? null : Math.Round(1e9 / nativeRate.Value, 1), "ns")
            .Add("nativeCore", native is null ? "not measured: " + nativeProblem
                : "libgscore through P/Invoke (timing engine and announce path; the managed sifter around it)")
            .AddOptional("coresIdentical", identical)
            .Add("coresCompared", "slots assigned and their checksum, sifted bits, blocks closed" +
                                  (native is null ? "" : $": managed {managed.Assigned}/{managed.SiftedBits}/{managed.BlocksClosed}, " +
                                                         $"native {native.Assigned}/{native.SiftedBits}/{native.BlocksClosed}"))
            .Add("managedAssigned", managed.Assigned)
            .Add("nanoclrIlPerEvent", ilPerEvent)
            .Add("nanoclrIlPerEventSource", ilSource)
            .Add("managedEsp32EventsPerSecondEstimate", Math.Round(managedSlow), "/s")
            .Add("managedEsp32PsramEventsPerSecondEstimate", Math.Round(managedFast), "/s")
            .Add("managedEsp32Method", $"IL-op-equivalents/event x ns/IL-op: {Esp32EventCost.SlowImageNanosecondsPerIlOp} ns (ESP32_REV3 image), " +
                                       $"{Esp32EventCost.FastImageNanosecondsPerIlOp} ns (ESP32_PSRAM_REV3), from a published pin-toggle rate (firmware/DEVICE_CODING.md)")
            .AddOptional("nativeEsp32EventsPerSecondEstimate", estimate is null ? null : Math.Round(estimate.EventsPerSecond), "/s")
            .AddOptional("nativeEsp32EventsPerSecondWithoutMultiplyCharge", estimate is null ? null : Math.Round(estimate.EventsPerSecondWithoutMultiplyCharge), "/s")
            .AddOptional("nativeEsp32InstructionsPerEvent", estimate is null ? null : Math.Round(estimate.InstructionsPerEvent, 1))
            .AddOptional("nativeEsp32Divisions64PerEvent", estimate is null ? null : Math.Round(estimate.Divisions64PerEvent, 4))
            .AddOptional("nativeEsp32Multiplies64PerEvent", estimate is null ? null : Math.Round(estimate.Multiplies64PerEvent, 3))
            .AddOptional("nativeEsp32CyclesPerEvent", estimate is null ? null : Math.Round(estimate.CyclesPerEvent, 1))
            .AddOptional("nativeEsp32NanosecondsPerEvent", estimate is null ? null : Math.Round(1e9 / estimate.EventsPerSecond, 1), "ns")
            .Add("simBoardNativeNanosecondsPerEvent", Esp32EventCost.NativeNanosecondsPerEvent, "ns")
            .Add("nativeEsp32InstructionsByFunction", estimate is null ? "n/a" : estimate.TopFunctions + " (instructions per event)")
            .Add("nativeEsp32BuildCheck", estimate is null ? "n/a" :
                $"32-bit build assigned {estimate.Assigned} slots (managed core {managed.Assigned}), timing {(estimate.Locked ? "locked" : "NOT locked")} at the end")
            .Add("nativeEsp32Method", estimate is null ? estimateProblem! : Esp32NativeEstimate.Method)
            .Add("nativeBudget", Budget(estimate?.EventsPerSecond, NativeBudgetEventsPerSecond))
            .Add("managedBudget", Budget(managedSlow, ManagedBudgetEventsPerSecond) +
                                  $" (ESP32_REV3; PSRAM_REV3 image {Math.Round(managedFast).ToString("N0", CultureInfo.InvariantCulture)}/s)");
        return report;
    }

    private static string Budget(double? estimate, double budget)
    {
        var target = $">= {budget.ToString("N0", CultureInfo.InvariantCulture)}/s on one ESP32 core";
        return estimate is null ? target + ": no estimate"
            : $"{target}: {(estimate.Value >= budget ? "met" : "NOT met")} ({Math.Round(estimate.Value).ToString("N0", CultureInfo.InvariantCulture)}/s)";
    }
}

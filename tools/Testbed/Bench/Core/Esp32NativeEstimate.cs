using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GroundStation.Testbed.Bench.Core;

/// <summary>What the 32-bit instruction count gave, per tagger event of the locked steady state.</summary>
/// <param name="Assigned">Slots the 32-bit build assigned over the whole stream (the bench compares it with the managed core's).</param>
/// <param name="Locked">Whether its timing engine ended locked (the counted steady state is the locked one).</param>
/// <param name="EventsPerSecondWithoutMultiplyCharge">The same without the multiply charge: the widening multiplies counted
/// include 32x32->64 products (gcc's division by a constant), which the LX6 does inline (MULL/MULUH), so the truth lies
/// between the two figures if the CPI holds.</param>
/// <param name="TopFunctions">Where the instructions go: the functions with the most instructions per event.</param>
public sealed record Esp32NativeFigures(double InstructionsPerEvent, double Divisions64PerEvent, double Multiplies64PerEvent,
    double CyclesPerEvent, double EventsPerSecond, long EventsCounted, long Assigned, bool Locked,
    double EventsPerSecondWithoutMultiplyCharge, string TopFunctions);

/// <summary>
/// ESP32 estimate of the native core (tools/Testbed/Bench/Core/README.md, "ESP32 estimate"): the portable C core and
/// a freestanding harness (esp32/estimate_harness.c) compiled for 32-bit x86 (`gcc -m32 -O2 -ffreestanding
/// -nostdlib -static`), run under valgrind's callgrind on the bench stream twice (a prefix, then the whole stream),
/// so start-up and acquisition cancel and only the locked steady state remains. Per event: executed instructions
/// outside the 64-bit division helpers x cycles per instruction, plus each 64-bit division call and each 64-bit
/// multiply (an executed one-operand 32x32->64 `mul`/`imul`, found by disassembling the binary) at a library
/// call's cycle cost; at 240 MHz.
/// </summary>
public static class Esp32NativeEstimate
{
    /// <summary>ESP32 (Xtensa LX6) core clock, Hz: the maximum CPU frequency in the ESP32 datasheet.</summary>
    public const double CpuHz = 240e6;

    /// <summary>
    /// Cycles per instruction assumed for compiled C on the LX6 from IRAM/DRAM: single-issue in-order pipeline (7 stages:
    /// XCHAL_DATA_PIPE_DELAY 2 in the ESP32's core-isa.h), most ALU ops and internal-SRAM loads 1 cycle, taken branches
    /// and load-use stalls more. 1.5 is an assumption: no public measurement of the LX6's CPI on compiled code was
    /// found. The x86-32 instruction count stands for the Xtensa one (both do 64-bit arithmetic as 32-bit pairs; x86's
    /// memory operands save instructions, its 8 registers cost spills: taken as even).
    /// </summary>
    public const double CyclesPerInstruction = 1.5;

    /// <summary>
    /// A 64-bit division (libgcc __divdi3/__udivdi3 family; the LX6's divider, QUOU/QUOS/REMU/REMS, is 32-bit): 89
    /// cycles, the published ESP32 figure of 2.71 M 64-bit integer divisions/s at 240 MHz (WLED issue #4206, table
    /// from the esp32.com benchmark topic p=82090; operand loads and stores included).
    /// </summary>
    public const double CyclesPerDivision64 = 89;

    /// <summary>
    /// A 64-bit product, charged on top of the x86 instructions already counted for it: 9 cycles, the published
    /// ESP32 figure of 27.55 M 64-bit integer multiplies/s at 240 MHz (same source; a whole multiply with its operand
    /// loads and stores, so an upper bound). The LX6 has MUL32 and MUL32_HIGH (core-isa.h of the ESP32 core,
    /// "esp32_v3_49_prod": MULL, MULUH, MULSH), so a 32x32->64 product is MULL + MULUH in line (Linux
    /// arch/xtensa/lib/umulsidi3.S), one instruction more than x86's `mul`.
    /// </summary>
    public const double CyclesPerMultiply64 = 9;

    public static readonly string Method =
        "portable C core + freestanding harness built with gcc -m32 -O2 -ffreestanding -nostdlib -static, executed " +
        "instructions counted by valgrind callgrind over the bench stream (whole stream minus a prefix: locked steady state); " +
        $"cycles = instructions x {CyclesPerInstruction.ToString(CultureInfo.InvariantCulture)} CPI (assumed) + 64-bit divisions x " +
        $"{CyclesPerDivision64.ToString(CultureInfo.InvariantCulture)} + widening multiplies (one-operand mul/imul executed, an upper bound " +
        $"on 64-bit products) x {CyclesPerMultiply64.ToString(CultureInfo.InvariantCulture)} (both from a published ESP32 measurement); at 240 MHz";

    private static readonly string[] DivisionHelpers = ["__udivdi3", "__umoddi3", "__divdi3", "__moddi3", "__udivmoddi4", "__divmoddi4"];

    /// <summary>Where the C sources were copied next to gsctl (gsctl.csproj).</summary>
    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "native-core");

    /// <summary>The estimate, or null with <paramref name="problem"/> saying in one line why it is missing.</summary>
    public static Esp32NativeFigures? Run(FifoRecordStream stream, int prefixEvents, Action<string>? progress, out string? problem)
    {
        problem = MissingTool();
        if (problem is not null)
        {
            return null;
        }

        var work = Directory.CreateTempSubdirectory("gsctl-bench-core-");
        try
        {
            var harness = Path.Combine(work.FullName, "harness");
            var sources = Directory.GetFiles(Path.Combine(SourceDirectory, "src"), "*.c").Order(StringComparer.Ordinal);
            var compile = Run("gcc", ["-m32", "-O2", "-ffreestanding", "-nostdlib", "-static", "-fno-pie", "-no-pie", "-fno-stack-protector",
                "-I", Path.Combine(SourceDirectory, "esp32", "include"), "-I", Path.Combine(SourceDirectory, "include"),
                "-o", harness, Path.Combine(SourceDirectory, "esp32", "estimate_harness.c"), .. sources]);
            if (compile.ExitCode != 0)
            {
                problem = "gcc -m32 could not build the 32-bit harness: " + FirstLine(compile.Output);
                return null;
            }

            var records = Path.Combine(work.FullName, "records.bin");
            File.WriteAllBytes(records, stream.Records);
            var mulAddresses = OneOperandMultiplies(harness);
            progress?.Invoke($"counting instructions under callgrind: {prefixEvents:N0} and {stream.Count:N0} events");
            var prefix = Count(harness, records, prefixEvents, stream, mulAddresses, work.FullName, out problem);
            var whole = prefix is null ? null : Count(harness, records, stream.Count, stream, mulAddresses, work.FullName, out problem);
            if (prefix is null || whole is null)
            {
                return null;
            }

            double events = stream.Count - prefixEvents;
            var instructions = (whole.Instructions - prefix.Instructions) / events;
            var divisions = (whole.Divisions - prefix.Divisions) / events;
            var multiplies = (whole.Multiplies - prefix.Multiplies) / events;
            var cycles = (instructions * CyclesPerInstruction) + (divisions * CyclesPerDivision64) + (multiplies * CyclesPerMultiply64);
            var cyclesNoMultiply = cycles - (multiplies * CyclesPerMultiply64);
            var top = string.Join(", ", whole.SelfByFunction
                .Select(kv => (Name: kv.Key, PerEvent: (kv.Value - prefix.SelfByFunction.GetValueOrDefault(kv.Key)) / events))
                .OrderByDescending(f => f.PerEvent).Take(5)
                .Select(f => $"{f.Name} {f.PerEvent.ToString("F0", CultureInfo.InvariantCulture)}"));
            return new Esp32NativeFigures(instructions, divisions, multiplies, cycles, CpuHz / cycles, (long)events, whole.Assigned, whole.Locked,
                CpuHz / cyclesNoMultiply, top);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public sealed record Counts(double Instructions, double Divisions, double Multiplies, Dictionary<string, double> SelfByFunction,
        long Assigned = -1, bool Locked = false);

    private static string? MissingTool()
    {
        if (!Directory.Exists(Path.Combine(SourceDirectory, "src")))
        {
            return $"ESP32 estimate missing: the C core's sources are not next to gsctl ({SourceDirectory})";
        }

        foreach (var tool in new[] { "gcc", "valgrind", "objdump" })
        {
            if (Run("sh", ["-c", $"command -v {tool}"]).ExitCode != 0)
            {
                return $"ESP32 estimate missing: {tool} not found (needs gcc with -m32, valgrind and objdump)";
            }
        }

        return null;
    }

    /// <summary>Addresses of the one-operand (widening 32x32->64) mul/imul instructions: one per 64-bit product.</summary>
    private static HashSet<ulong> OneOperandMultiplies(string binary)
    {
        var disassembly = Run("objdump", ["-d", "--no-show-raw-insn", binary]).Output;
        var set = new HashSet<ulong>();
        foreach (Match m in Regex.Matches(disassembly, @"^\s*([0-9a-f]+):\s+i?mull?\s+[^,\s]+\s*$", RegexOptions.Multiline))
        {
            set.Add(ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return set;
    }

    private static Counts? Count(string harness, string records, int events, FifoRecordStream stream, HashSet<ulong> mulAddresses,
        string work, out string? problem)
    {
        problem = null;
        var output = Path.Combine(work, $"callgrind.{events}");
        var run = Run("valgrind", ["--tool=callgrind", "--dump-instr=yes", "--compress-pos=no", "--compress-strings=no",
            "--callgrind-out-file=" + output, harness, records, events.ToString(CultureInfo.InvariantCulture),
            stream.Scenario.GroundStartPs.ToString(CultureInfo.InvariantCulture), stream.Scenario.StartSlot.ToString(CultureInfo.InvariantCulture)]);
        if (run.ExitCode != 0 || !File.Exists(output))
        {
            problem = $"ESP32 estimate missing: the 32-bit harness failed under valgrind (exit {run.ExitCode}): {FirstLine(run.Output)}";
            return null;
        }

        var said = Regex.Match(run.Output, @"assigned=(\d+) mode=(\d)");
        if (!said.Success)
        {
            problem = $"ESP32 estimate missing: the 32-bit harness did not report its result: {FirstLine(run.Output)}";
            return null;
        }

        return Parse(File.ReadLines(output), mulAddresses) with
        {
            Assigned = long.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture),
            Locked = said.Groups[2].Value == "2",
        };
    }

    /// <summary>
    /// Reads a callgrind dump written with --dump-instr=yes --compress-pos=no --compress-strings=no: cost lines
    /// "0xADDR LINE IR" under fn=, call lines "calls=N ..." followed by the calls' inclusive cost line under cfn=.
    /// Instructions = all minus those inside the division helpers (reached from outside them); divisions = calls
    /// from outside the helpers into them; multiplies = executions of the widening multiply instructions.
    /// </summary>
    public static Counts Parse(IEnumerable<string> lines, HashSet<ulong> mulAddresses)
    {
        double total = 0, helperInclusive = 0, divisions = 0, multiplies = 0;
        var self = new Dictionary<string, double>();
        var function = "";
        var callee = "";
        var pendingCalls = -1L;
        foreach (var line in lines)
        {
            if (line.StartsWith("fn=", StringComparison.Ordinal))
            {
                function = line[3..];
                continue;
            }

            if (line.StartsWith("cfn=", StringComparison.Ordinal))
            {
                callee = line[4..];
                continue;
            }

            if (line.StartsWith("calls=", StringComparison.Ordinal))
            {
                pendingCalls = long.Parse(line[6..].Split(' ')[0], CultureInfo.InvariantCulture);
                continue;
            }

            if (!line.StartsWith("0x", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(' ');
            var cost = f.Length >= 3 ? double.Parse(f[2], CultureInfo.InvariantCulture) : 0;
            if (pendingCalls >= 0)
            {
                // The inclusive cost of the calls just announced (not self cost of this function).
                if (IsHelper(callee) && !IsHelper(function))
                {
                    divisions += pendingCalls;
                    helperInclusive += cost;
                }

                pendingCalls = -1;
                continue;
            }

            total += cost;
            self[function] = self.GetValueOrDefault(function) + cost;
            if (mulAddresses.Contains(ulong.Parse(f[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)) && !IsHelper(function))
            {
                multiplies += cost;
            }
        }

        return new Counts(total - helperInclusive, divisions, multiplies, self);
    }

    private static bool IsHelper(string function) => DivisionHelpers.Any(h => function.StartsWith(h, StringComparison.Ordinal));

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no output)";
}

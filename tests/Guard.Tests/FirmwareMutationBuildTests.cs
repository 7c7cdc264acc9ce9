namespace GroundStation.Tests.Guard;

/// <summary>
/// Each guard shown firing in a real `dotnet build`: a copy of the device core (hal/, protocol/, firmware/ and the build
/// wiring) gets one mutant per line added to a firmware file, and both builds of it must fail naming that file and
/// line: the desktop build (NanoGuard) and the build against the real mscorlib 1.17.11 (tools/build/NanoCore).
/// </summary>
public sealed class FirmwareMutationBuildTests : IDisposable
{
    private const string MutatedFile = "firmware/Timing/FixedPoint.cs";

    /// <summary>Mutant member, what the desktop build reports, what the real-mscorlib build reports.</summary>
    private static readonly (string Member, string Desktop, string RealMscorlib)[] Mutants =
    {
        ("private static volatile bool _mutantStop;", "error NANO020", "error NANO020"), // CS0518 comes at emit, after the other errors
        ("public static int MutantCompare() { return 5.CompareTo(3); }", "error NANO014", "error CS1061"),
        ("public static long MutantMax(long a, long b) { return System.Math.Max(a, b); }", "error NANO019", "error CS0234"),
        ("public static int MutantRoll(System.Random r) { return r.Next(1, 6); }", "error NANO019", "error CS1501"),
        ("public static bool MutantLeap(int y) { return System.DateTime.IsLeapYear(y); }", "error NANO014", "error CS0117"),
        ("public static long MutantNegate(ulong q) { return -(long)q; }", "error NANO021", "error NANO021"),
        ("public static int MutantList() { return new System.Collections.Generic.List<int>().Count; }", "error NANO001", "error CS0234"),
    };

    private readonly string root = Path.Combine(Path.GetTempPath(), "nanoguard-mutants-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_mutant_fails_dotnet_build_naming_file_and_line()
    {
        CopyDeviceCore();
        var lines = InsertMutants();
        var analyzer = typeof(GroundStation.NanoGuard.NanoGuardAnalyzer).Assembly.Location;
        var common = $"-nologo -nodeReuse:false -p:NanoGuardAnalyzerAssembly={analyzer}";

        var desktop = Task.Run(() => DotnetProcess.Run(root, "build firmware/GroundStation.Firmware.csproj " + common, TimeSpan.FromMinutes(4)));
        var real = Task.Run(() => DotnetProcess.Run(root, "build tools/build/NanoCore/GroundStation.NanoCore.csproj " + common, TimeSpan.FromMinutes(4)));

        AssertEachMutantReported(await desktop, lines, m => m.Desktop);
        AssertEachMutantReported(await real, lines, m => m.RealMscorlib);
    }

    private static void AssertEachMutantReported((int ExitCode, string Output) build, int[] lines,
        Func<(string Member, string Desktop, string RealMscorlib), string> expected)
    {
        Assert.True(build.ExitCode != 0, "the build must fail:\n" + build.Output);
        for (var i = 0; i < Mutants.Length; i++)
        {
            var id = expected(Mutants[i]);
            var where = "FixedPoint.cs(" + lines[i] + ",";
            Assert.True(build.Output.Split('\n').Any(l => l.Contains(where, StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal)),
                $"no '{id}' at {where} for mutant '{Mutants[i].Member}' in:\n{build.Output}");
        }
    }

    /// <summary>Adds the mutants at the top of the class body; returns each one's 1-based line.</summary>
    private int[] InsertMutants()
    {
        var path = Path.Combine(root, MutatedFile);
        var source = File.ReadAllLines(path).ToList();
        var classLine = source.FindIndex(l => l.Contains("public static class FixedPoint", StringComparison.Ordinal));
        Assert.True(classLine >= 0 && source[classLine + 1].Trim() == "{", "the mutated file still has its class");
        var lines = new int[Mutants.Length];
        for (var i = 0; i < Mutants.Length; i++)
        {
            source.Insert(classLine + 2 + i, "        " + Mutants[i].Member);
            lines[i] = classLine + 3 + i;
        }

        File.WriteAllLines(path, source);
        return lines;
    }

    private void CopyDeviceCore()
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "tools/NanoGuard/nanoframework-api.txt" })
        {
            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(GuardHarness.RepoRoot, file), target);
        }

        foreach (var folder in new[] { "hal", "protocol", "firmware", "tools/build" })
        {
            CopyFolder(Path.Combine(GuardHarness.RepoRoot, folder), Path.Combine(root, folder));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj"))
            {
                CopyFolder(folder, Path.Combine(to, name));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

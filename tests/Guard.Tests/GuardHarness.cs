using System.Collections.Immutable;
using GroundStation.NanoGuard;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GroundStation.Tests.Guard;

/// <summary>Compiles a device source in memory against the running runtime's assemblies and runs the guard on it.</summary>
internal static class GuardHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string AllowListPath => Path.Combine(RepoRoot, "tools", "NanoGuard", AllowList.FileName);

    public static string AllowListText { get; } = File.ReadAllText(AllowListPath);

    public static ImmutableArray<Diagnostic> Analyze(string source, LanguageVersion version = LanguageVersion.CSharp9,
        string? allowList = null, bool withAllowList = true, bool expectCompileErrors = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version), path: "/src/firmware/Device.cs");
        var compilation = CSharpCompilation.Create("DeviceUnderTest", new[] { tree }, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                allowUnsafe: true));

        if (!expectCompileErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the sample must compile on the desktop: " + string.Join("; ", errors));
        }

        var additional = withAllowList
            ? ImmutableArray.Create<AdditionalText>(new InMemoryText("/repo/tools/NanoGuard/" + AllowList.FileName, allowList ?? AllowListText))
            : ImmutableArray<AdditionalText>.Empty;
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoGuardAnalyzer()),
            new AnalyzerOptions(additional));
        var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var crashes = all.Where(d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "the analyzer threw: " + string.Join("; ", crashes));
        return all.Where(d => d.Id.StartsWith("NANO", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>1-based line of the line marked with /*!*/ in the sample.</summary>
    public static int MarkedLine(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("/*!*/", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException("sample has no /*!*/ marker");
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}"));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Win32.Primitives.dll")
            .ToList();
        paths.Add(typeof(System.Device.Gpio.GpioController).Assembly.Location);
        paths.Add(typeof(System.IO.Ports.SerialPort).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GroundStationFw.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GroundStationFw.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

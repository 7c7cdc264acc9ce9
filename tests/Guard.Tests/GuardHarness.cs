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

    /// <summary>nanoFramework.CoreLibrary 1.17.11's mscorlib.dll, restored with this test project.</summary>
    public static string CoreLibraryPath { get; } = typeof(GuardHarness).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NanoCoreLibraryPath").Value!;

    public static ImmutableArray<Diagnostic> Analyze(string source, LanguageVersion version = LanguageVersion.CSharp9,
        string? allowList = null, bool withAllowList = true, bool expectCompileErrors = false, string? coreLibrary = null)
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
        var options = new BuildProperties(new Dictionary<string, string>
        {
            [NanoGuardAnalyzer.CoreLibraryProperty] = coreLibrary ?? CoreLibraryPath,
        });
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoGuardAnalyzer()),
            new AnalyzerOptions(additional, options));
        var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var crashes = all.Where(d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "the analyzer threw: " + string.Join("; ", crashes));
        return all.Where(d => d.Id.StartsWith("NANO", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>
    /// Compiles the sample the way tools/build/NanoCore does, against nanoFramework's real mscorlib only, and runs the
    /// guard with a desktop twin (the running runtime's assemblies) so it compares every call's binding.
    /// </summary>
    public static ImmutableArray<Diagnostic> AnalyzeAgainstDeviceCoreLibrary(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), path: "/src/firmware/Device.cs");
        var compilation = CSharpCompilation.Create("DeviceCore", new[] { tree },
            new[] { MetadataReference.CreateFromFile(CoreLibraryPath) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the sample must compile against the device's mscorlib: " + string.Join("; ", errors));

        var options = new BuildProperties(new Dictionary<string, string>
        {
            [NanoGuardAnalyzer.CoreLibraryProperty] = CoreLibraryPath,
            [NanoGuardAnalyzer.DesktopReferencesProperty] = Path.GetDirectoryName(typeof(object).Assembly.Location)!,
        });
        var additional = ImmutableArray.Create<AdditionalText>(new InMemoryText("/repo/tools/NanoGuard/" + AllowList.FileName, AllowListText));
        var all = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoGuardAnalyzer()), new AnalyzerOptions(additional, options))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
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

    /// <summary>The MSBuild properties the build makes compiler-visible (build_property.X).</summary>
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

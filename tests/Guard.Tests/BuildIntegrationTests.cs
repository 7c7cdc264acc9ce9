using System.Diagnostics;

namespace GroundStation.Tests.Guard;

/// <summary>
/// End to end: a throw-away device project that imports the repository's tools/build/DeviceProject.props (the same
/// wiring hal/, protocol/ and firmware/ use) and holds a List&lt;int&gt; must fail `dotnet build` with an error that
/// names the file, the line and List&lt;T&gt;.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "nanoguard-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void List_of_T_in_device_code_breaks_dotnet_build()
    {
        var deviceDir = Path.Combine(directory, "device");
        Directory.CreateDirectory(deviceDir);
        File.WriteAllText(Path.Combine(deviceDir, "Sample.projitems"), """
            <Project>
              <ItemGroup>
                <Compile Include="$(MSBuildThisFileDirectory)Sample.cs" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(deviceDir, "Sample.cs"), """
            namespace GroundStation.Firmware
            {
                public class Sample
                {
                    private readonly System.Collections.Generic.List<int> counts = new System.Collections.Generic.List<int>();

                    public int Count => counts.Count;
                }
            }
            """);
        var repoRoot = GuardHarness.RepoRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        File.WriteAllText(Path.Combine(directory, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RepoRoot>{repoRoot}</RepoRoot>
                <DeviceProjItems>$(MSBuildThisFileDirectory)device/Sample.projitems</DeviceProjItems>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <Import Project="$(RepoRoot)tools/build/DeviceProject.props" />
            </Project>
            """);

        // The analyzer project was built with this test project: reuse it, restore only the sample.
        var (exitCode, output) = Run("dotnet", "build Sample.csproj -nologo -nodeReuse:false -p:BuildProjectReferences=false -p:RestoreRecursive=false");

        Assert.True(exitCode != 0, "the build must fail:\n" + output);
        var error = output.Split('\n').FirstOrDefault(l => l.Contains("error NANO001", StringComparison.Ordinal));
        Assert.True(error != null, "no NANO001 error in:\n" + output);
        Assert.Contains("Sample.cs(5,", error, StringComparison.Ordinal);
        Assert.Contains("List<T>", error, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The test host runs under MSBuild/VSTest: don't let its build variables leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("MSBUILD", StringComparison.Ordinal) || k == "VSTEST_HOST_DEBUG").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

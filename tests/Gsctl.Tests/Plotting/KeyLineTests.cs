using System.Text.Json;
using GroundStation.Gsctl.Plotting;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Plotting;

/// <summary>The secret-key line under a pass plot's title, from a run's summary.json or a recording's manifest.json.</summary>
public class KeyLineTests
{
    [Fact]
    public void A_report_with_a_key_gives_its_length_epsilon_qber_phase_error_and_efficiency()
    {
        using var json = JsonDocument.Parse("""
            { "secretKeyBits": 70993, "qberZ": 0.0179, "qberX": 0.0183, "phaseErrorBound": 0.049, "ecEfficiency": 1.3234,
              "reconciliation": "ldpc", "finiteKeyInput": { "epsilonSecret": 1E-10 } }
            """);

        Assert.Equal("secret key 70,993 bits (finite-key, eps_sec 1e-10)  |  QBER Z 1.79 %, X 1.83 %  |  phase error <= 4.90 %  |  ldpc f = 1.323",
            KeyLine.FromJson(json.RootElement));
    }

    [Fact]
    public void No_key_says_why_and_a_run_without_a_report_has_no_line()
    {
        using var none = JsonDocument.Parse("""{ "secretKeyBits": 0, "noKeyReason": "the QBER alarm fired" }""");
        using var old = JsonDocument.Parse("""{ "siftedBits": 1000 }""");

        Assert.Equal("no secret key: the QBER alarm fired", KeyLine.FromJson(none.RootElement));
        Assert.Null(KeyLine.FromJson(old.RootElement));
    }

    [Fact]
    public void The_directory_reads_summary_json_and_a_damaged_one_only_loses_the_line()
    {
        using var dir = new TempDirectory();
        Assert.Null(KeyLine.FromDirectory(dir.Path));
        File.WriteAllText(dir.File("summary.json"), """{ "secretKeyBits": 12 }""");
        Assert.Equal("secret key 12 bits (finite-key)", KeyLine.FromDirectory(dir.Path));
        File.WriteAllText(dir.File("summary.json"), "{ broken");
        Assert.Null(KeyLine.FromDirectory(dir.Path));
    }
}

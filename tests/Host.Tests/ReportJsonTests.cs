using System.Text.Json;
using GroundStation.Host.Distillation;
using GroundStation.PostProcessing.FiniteKey;

namespace GroundStation.Tests.Host;

/// <summary>
/// A pass without a key has no phase-error bound: the report (summary.json, manifest.json) says null, never NaN
/// (before: "phaseErrorBound": "NaN", and the sim summary printed "phase error bound NaN %").
/// </summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void Without_test_basis_events_there_is_no_phase_error_bound_and_the_json_holds_null_for_it()
    {
        // No X-basis detection: s_X1 = 0, so Lim et al.'s phi_Z cannot be bounded (FiniteKeyLength leaves it NaN).
        var input = new FiniteKeyInput([0.8, 0.1, 0.0002], [0.5, 0.25, 0.25], [100_000, 20_000, 90], [2_000, 400, 45],
            [0, 0, 0], [0, 0, 0], 10_000, 128);
        var finiteKey = FiniteKeyLength.Compute(input);
        Assert.True(double.IsNaN(finiteKey.PhaseErrorRateZ));
        var report = new DistillationReport { PhaseErrorBound = finiteKey.PhaseErrorRateZ, NoKeyReason = finiteKey.NoKeyReason, FiniteKeyInput = input, FiniteKey = finiteKey };

        Assert.Null(report.PhaseErrorBound);
        var json = ReportJson.ToJson(report).ToJsonString(ReportJson.Options);
        Assert.DoesNotContain("NaN", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("phaseErrorBound").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("finiteKey").GetProperty("phaseErrorRateZ").ValueKind);
        Assert.StartsWith("no single-photon events can be bounded", document.RootElement.GetProperty("noKeyReason").GetString());

        var back = ReportJson.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json))!;
        Assert.Null(back.PhaseErrorBound);
        Assert.True(double.IsNaN(back.FiniteKey!.PhaseErrorRateZ));
        Assert.Equal(finiteKey.Tau1, back.FiniteKey.Tau1); // finite figures stay numbers
    }

    [Fact]
    public void A_bounded_phase_error_stays_a_number_and_old_nan_strings_still_read()
    {
        var report = new DistillationReport { PhaseErrorBound = 0.0625 };
        using var document = JsonDocument.Parse(ReportJson.ToJson(report).ToJsonString(ReportJson.Options));
        Assert.Equal(0.0625, document.RootElement.GetProperty("phaseErrorBound").GetDouble());

        // Files written before this change hold "NaN" strings for the finite key's intermediates.
        var old = ReportJson.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{ "phaseErrorBound": "NaN", "secretKeyBits": 0 }"""))!;
        Assert.Null(old.PhaseErrorBound);
    }
}

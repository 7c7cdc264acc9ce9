using GroundStation.Simulator.Config;

namespace GroundStation.Tests.Simulator;

public class PassFileTests
{
    [Fact]
    public void An_empty_object_is_the_built_in_default_pass()
    {
        var parsed = PassFile.Parse("{}");
        Assert.Equal(PassFile.Serialize(new PassConfig()), PassFile.Serialize(parsed));
        Assert.Equal(100e6, parsed.Source.PulseRateHz);
        Assert.Equal([0.8, 0.1, 0.0], parsed.Source.Intensities);
        Assert.Null(parsed.Link.LossProfile);
    }

    [Fact]
    public void Issue_fields_are_read_and_missing_ones_keep_their_defaults()
    {
        var c = PassFile.Parse("""
            {
              "durationSeconds": 120,
              "source": { "pulseRateHz": 2e8, "intensities": [0.6, 0.2, 0], "intensityProbabilities": [0.7, 0.2, 0.1],
                          "zBasisProbability": 0.9 },
              "link": { "lossProfile": [[0, 40], [60, 32], [120, 40]], "rangeProfile": [[0, 1200], [60, 520], [120, 1200]] },
              "receiver": { "detectorEfficiency": 0.6, "darkCountsPerSecond": 50, "backgroundCountsPerSecond": 400,
                            "misalignmentErrorRate": 0.02, "jitterPsFwhm": 60, "deadTimeNs": 22 }
            }
            """);
        Assert.Equal(120, c.DurationSeconds);
        Assert.Equal(2e8, c.Source.PulseRateHz);
        Assert.Equal(0.9, c.Source.ZBasisProbability);
        Assert.Equal(32, c.Link.LossProfile![1][1]);
        Assert.Equal(22, c.Receiver.DeadTimeNs);
        Assert.Equal(0.01, c.Receiver.AfterpulseProbability);   // default kept
        Assert.Equal(10_000, c.Beacon.PeriodSlots);              // default section
    }

    [Fact]
    public void Serialized_config_parses_back_to_the_same_config()
    {
        var c = new PassConfig { Seed = 42, DurationSeconds = 10, Link = new LinkConfig { LossProfile = [[0, 30], [10, 35]] } };
        string json = PassFile.Serialize(c);
        Assert.Equal(json, PassFile.Serialize(PassFile.Parse(json)));
    }

    [Theory]
    [InlineData("""{ "source": { "pulseRate": 1e8 } }""", "$.source.pulseRate", "unknown field")]
    [InlineData("""{ "durationSecs": 10 }""", "$.durationSecs", "unknown field")]
    [InlineData("""{ "receiver": { "darkCountsPerSecond": -5 } }""", "$.receiver.darkCountsPerSecond", "negative")]
    [InlineData("""{ "source": { "pulseRateHz": 0 } }""", "$.source.pulseRateHz", "positive")]
    [InlineData("""{ "source": { "intensityProbabilities": [0.5, 0.3, 0.3] } }""", "$.source.intensityProbabilities", "sum to 1")]
    [InlineData("""{ "source": { "intensityProbabilities": [0.5, 0.5] } }""", "$.source.intensityProbabilities", "2 entries")]
    [InlineData("""{ "source": { "zBasisProbability": 1.5 } }""", "$.source.zBasisProbability", "[0, 1]")]
    [InlineData("""{ "link": { "lossProfile": [[0, 30], [0, 31]] } }""", "$.link.lossProfile[1][0]", "increase")]
    [InlineData("""{ "link": { "lossProfile": [[0, 30, 1]] } }""", "$.link.lossProfile[0]", "pair")]
    [InlineData("""{ "link": { "rangeProfile": [[0, -3]] } }""", "$.link.rangeProfile[0][1]", "positive")]
    [InlineData("""{ "receiver": { "detectorEfficiency": "high" } }""", "$.receiver.detectorEfficiency", "")]
    [InlineData("""{ "beacon": { "omittedPositions": [0, 100] } }""", "$.beacon.omittedPositions[1]", "frameLength")]
    [InlineData("""{ "tagger": { "channelSkewPs": [0, 1, 2] } }""", "$.tagger.channelSkewPs", "5 entries")]
    [InlineData("""{ "geometry": { "inclinationDeg": 10, "stationLatitudeDeg": 60 } }""", "$.geometry.maxElevationDeg", "cannot culminate")]
    [InlineData("""{ "source": null }""", "$.source", "")]
    [InlineData("""{ "receiver": { "afterpulseProbability": 1 } }""", "$.receiver.afterpulseProbability", "[0, 0.5]")]
    [InlineData("""{ "clocks": { "ground": { "offsetSeconds": -1 } } }""", "$.clocks.ground.offsetSeconds", "negative")]
    // Impossible for a simulation (before: 'no reply to SIM:STAT?' or a pass sitting at 0 % for ever).
    [InlineData("""{ "source": { "pulseRateHz": 1e30 } }""", "$.source.pulseRateHz", "must be at most 10000000000, is 1E+30")]
    [InlineData("""{ "receiver": { "darkCountsPerSecond": 1e12 } }""", "$.receiver.darkCountsPerSecond", "must be at most 100000000, is 1000000000000")]
    [InlineData("""{ "receiver": { "backgroundCountsPerSecond": 2e8 } }""", "$.receiver.backgroundCountsPerSecond", "at most 100000000")]
    [InlineData("""{ "beacon": { "backgroundCountsPerSecond": 2e8 } }""", "$.beacon.backgroundCountsPerSecond", "at most 100000000")]
    [InlineData("""{ "durationSeconds": 1e9 }""", "$.durationSeconds", "must be at most 86400, is 1000000000")]
    [InlineData("""{ "link": { "lossProfile": [[0, 30], [1e9, 30]] } }""", "$.link.lossProfile[1][0]", "at most 86400")]
    [InlineData("""{ "source": { "intensities": [1e6, 0.1, 0] } }""", "$.source.intensities[0]", "at most 100")]
    public void Bad_values_are_rejected_with_the_field_path(string json, string path, string problem)
    {
        var e = Assert.Throws<PassFileException>(() => PassFile.Parse(json));
        Assert.Equal(path, e.JsonPath);
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("""{ "receiver": { "detectorEfficiency": "high" } }""", "$.receiver.detectorEfficiency: expected a number, found a string \"high\"")]
    [InlineData("""{ "durationSeconds": "10" }""", "$.durationSeconds: expected a number, found a string \"10\"")]
    [InlineData("""{ "seed": -1 }""", "$.seed: expected a whole number of at least 0, found the number -1")]
    [InlineData("""{ "receiver": { "darkCountsPerSecond": [1] } }""", "$.receiver.darkCountsPerSecond: expected a number, found a list")]
    [InlineData("""{ "link": { "lossProfile": [[0, "a"]] } }""", "$.link.lossProfile[0][1]: expected a number, found a string \"a\"")]
    [InlineData("""{ "receiver": 5 }""", "$.receiver: expected an object, found the number 5")]
    [InlineData("""{ "source": { "intensities": 0.5 } }""", "$.source.intensities: expected a list of numbers, found the number 0.5")]
    public void A_value_of_the_wrong_type_is_named_in_json_terms_not_dotnet_types(string json, string message)
    {
        var e = Assert.Throws<PassFileException>(() => PassFile.Parse(json));

        Assert.Equal(message, e.Message);
        Assert.DoesNotContain("System.", e.Message);
    }

    [Fact]
    public void Load_reads_a_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pass-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "durationSeconds": 30, "receiver": { "jitterPsFwhm": 40 } }""");
        try
        {
            var c = PassFile.Load(path);
            Assert.Equal(30, c.DurationSeconds);
            Assert.Equal(40, c.Receiver.JitterPsFwhm);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using GroundStation.Gsctl.Pass;
using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Propagation;

namespace GroundStation.Tests.Gsctl.Pass;

/// <summary>The TIM:PRED numbers and their uncertainty budget, against hand arithmetic.</summary>
public sealed class CoarsePredictionTests
{
    private const double C = 299792458.0;
    private static readonly SatelliteTracker Tracker = new(new Sgp4Propagator(TwoLineElements.Parse(PassTestData.Line1, PassTestData.Line2)),
        StationSite.Parse(PassTestData.Station));

    private static readonly DateTime SlotEpoch = Tracker.Propagator.Elements.EpochUtc.AddHours(1);

    [Theory]
    [InlineData(0.1234567, 1e8, 12_345_670)] // DateTime resolves 100 ns: a slot boundary exactly
    [InlineData(1.0000001, 3, 4)] // the first slot at or after the reference: ceil(3.0000003)
    [InlineData(1.0, 1.5e8, 150_000_000)]
    [InlineData(-5.0, 1e8, 0)] // before slot 0: slot 0
    public void The_slot_is_the_first_leaving_at_or_after_the_reference(double secondsAfterEpoch, double rateHz, long slot)
    {
        var clock = new SlotClock(SlotEpoch, (decimal)rateHz);

        Assert.Equal(slot, clock.FirstSlotAtOrAfter(SlotEpoch.AddTicks((long)Math.Round(secondsAfterEpoch * TimeSpan.TicksPerSecond))));
    }

    [Fact]
    public void Ground_time_is_the_sample_plus_the_time_to_emission_plus_the_light_time_and_the_bound_adds_up()
    {
        // Tagger read 10^12 ps ten seconds before slot 0; the reference is 100 s after slot 0 (slot 10^10 at 100 MHz).
        var sample = new TaggerClockSample(1_000_000_000_000, SlotEpoch.AddSeconds(-10),
            [new UncertaintyTerm("tagger time", 2_000_000, "test")], "test");
        var assumptions = new PredictionAssumptions(TaggerClockPpm: 50, SatelliteClockPpm: 1, ElementErrorKmPerDay: 3);

        var p = CoarsePrediction.Compute(Tracker, new SlotClock(SlotEpoch, 100_000_000m), SlotEpoch.AddSeconds(100), sample, assumptions);

        var tau = Tracker.LightTimeFromEmissionSeconds(SlotEpoch, 100);
        Assert.Equal(10_000_000_000, p.Slot);
        Assert.Equal(tau, p.LightTimeSeconds);
        Assert.Equal(1e12 + 110e12 + tau * 1e12, p.GroundPs, 1.0);
        Assert.Equal(SlotEpoch.AddSeconds(100), p.EmissionUtc);

        var terms = p.Terms.ToDictionary(t => t.Name, t => t.Picoseconds);
        Assert.Equal(2_000_000, terms["tagger time"]);
        Assert.Equal(50e-6 * (110 + tau) * 1e12, terms["tagger clock"], 1.0);
        Assert.Equal(1e-6 * 100 * 1e12, terms["satellite clock"], 1.0);
        var ageDays = (SlotEpoch.AddSeconds(100 + tau) - Tracker.Propagator.Elements.EpochUtc).TotalDays;
        Assert.Equal((1 + 3 * ageDays) * 1000 / C * 1e12, terms["elements"], 1.0);
        Assert.Equal(Math.Ceiling(terms.Values.Sum()), p.UncertaintyPs);
        Assert.Equal($"TIM:PRED {p.GroundPs},10000000000,{p.UncertaintyPs}", p.Command);
    }

    [Fact]
    public void A_tagger_time_argument_is_ps_at_utc()
    {
        var sample = TaggerClockSample.Given("1500000@2024-06-28T13:00:00.25Z", uncertaintyMicroseconds: 3);

        Assert.Equal(1_500_000, sample.TaggerPs);
        Assert.Equal(new DateTime(2024, 6, 28, 13, 0, 0, 250, DateTimeKind.Utc), sample.Utc);
        Assert.Equal(3e6, sample.UncertaintyPs);
    }
}

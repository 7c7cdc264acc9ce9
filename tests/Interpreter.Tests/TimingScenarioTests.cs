using GroundStation.InterpreterScenarios;

namespace GroundStation.Tests.Interpreter;

/// <summary>
/// The timing engine on the scenario's generated pass, checked against the stream's truth: lock, slots, both fades.
/// Bounds come from a sweep of seeds 1..300 of the default pass (README.md), with margin.
/// </summary>
public class TimingScenarioTests
{
    private const long Ms = 1_000_000_000L;

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Locks_within_a_second_and_gives_every_signal_click_its_own_slot(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var firstLock = pass.Transitions().First(t => t.State == "Locked").GroundPs;

        Assert.InRange(firstLock - pass.Run.Clock.GroundStartPs, 100 * Ms, 1000 * Ms);
        Assert.True(pass.Run.Engine.IndexResolved);
        var signalAssigned = pass.Events.Where(e => e.Assigned && e.Kind is PassEvent.KindSignal or PassEvent.KindSecondClick).ToList();
        Assert.True(signalAssigned.Count > 10_000, $"only {signalAssigned.Count} signal clicks assigned");
        Assert.All(signalAssigned, e => Assert.Equal(e.TruthSlot, e.Slot));
        Assert.Equal(0, pass.Run.Truth.SignalMisassigned);
        Assert.Equal(signalAssigned.Count, pass.Run.Truth.SignalAssigned);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void A_short_beacon_fade_is_bridged_by_holdover_and_relocks_as_the_beacon_returns(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var p = pass.Parameters;
        var fadeStart = pass.GroundPsAtMs(p.ShortFadeStartMs);
        var fadeEnd = pass.GroundPsAtMs(p.ShortFadeStartMs + p.ShortFadeMs);
        var t = pass.Transitions();

        // Loss after 400 missed beacon periods (40 ms) counted from the last pulse before the fade.
        var loss = t.Single(x => x.State == "Holdover" && x.GroundPs > fadeStart && x.GroundPs < fadeEnd);
        Assert.InRange(loss.GroundPs - fadeStart, 30 * Ms, 45 * Ms);
        var relock = t.First(x => x.GroundPs > loss.GroundPs);
        Assert.Equal("Locked", relock.State);
        Assert.InRange(relock.GroundPs - fadeEnd, 0, 50 * Ms);
        Assert.True(pass.Run.Engine.Counters.HoldoverRecoveries >= 1);
        Assert.DoesNotContain(pass.Events, e => e.Assigned && e.TimePs > loss.GroundPs && e.TimePs < relock.GroundPs);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void A_long_beacon_fade_loses_the_model_and_the_beacon_is_reacquired_with_the_same_slot_numbers(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var p = pass.Parameters;
        var fadeStart = pass.GroundPsAtMs(p.LongFadeStartMs);
        var fadeEnd = pass.GroundPsAtMs(p.LongFadeStartMs + p.LongFadeMs);
        var t = pass.Transitions();

        var loss = t.Single(x => x.State == "Holdover" && x.GroundPs > fadeStart && x.GroundPs < fadeEnd);
        var lost = t.Single(x => x.State == "Searching" && x.GroundPs > fadeStart && x.GroundPs < fadeEnd);
        Assert.InRange(lost.GroundPs - loss.GroundPs, (p.HoldoverMaxMs - 5) * Ms, (p.HoldoverMaxMs + 5) * Ms);
        var relock = t.First(x => x.State == "Locked" && x.GroundPs > fadeEnd);
        Assert.InRange(relock.GroundPs - fadeEnd, 100 * Ms, 700 * Ms);
        Assert.DoesNotContain(pass.Events, e => e.Assigned && e.TimePs > loss.GroundPs && e.TimePs < relock.GroundPs);

        // After re-acquisition the old model's prediction fixed the beacon index: slots still equal the satellite's.
        var afterRelock = pass.Events.Where(e => e.Assigned && e.TimePs > relock.GroundPs && e.TruthSlot >= 0).ToList();
        Assert.True(afterRelock.Count > 1000);
        Assert.All(afterRelock, e => Assert.Equal(e.TruthSlot, e.Slot));
        Assert.Equal(0, pass.Run.Engine.Counters.IndexResolutions);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Every_event_ends_in_exactly_one_counter_and_locked_signal_is_assigned(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var c = pass.Run.Engine.Counters;
        var detectorEvents = pass.Events.Count(e => e.Channel < 4);

        Assert.Equal(pass.Run.Stream.Events, pass.Events.Count);
        Assert.Equal(detectorEvents, c.DetectionsSeen);
        Assert.Equal(pass.Events.Count(e => e.Channel == 4), c.BeaconEvents);
        Assert.Equal(c.DetectionsSeen, c.Assigned + c.DroppedUnlocked + c.DroppedOutsideWindow + c.DroppedOutputFull);
        Assert.Equal(pass.Events.Count(e => e.Assigned), c.Assigned);
        Assert.Equal(0, c.DroppedUnknownChannel);
        Assert.Equal(0, c.DroppedOutputFull);

        // Signal clicks while locked miss the +-500 ps window only when skew + jitter reach it (3.46 sigma bound).
        var t = pass.Run.Truth;
        Assert.True(t.SignalDroppedWhileLocked * 200 < t.SignalAssigned, $"{t.SignalDroppedWhileLocked} of {t.SignalAssigned}");

        // A background click lands in some slot's window with probability 1000 ps / 10 000 ps.
        var backgroundWhileLocked = t.BackgroundAssigned + pass.Events.Count(e => !e.Assigned && e.Kind == PassEvent.KindBackground && e.Channel < 4 && IsLockedAt(pass, e.TimePs));
        Assert.InRange(t.BackgroundAssigned, backgroundWhileLocked * 6 / 100, backgroundWhileLocked * 14 / 100);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void The_tracked_rate_is_the_streams_rate_at_the_last_beacon(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var p = pass.Parameters;
        var engine = pass.Run.Engine;
        var seconds = (engine.Model.AnchorSlot - p.StartSlot) / (double)PassClock.PulseRateHz;

        // t(slot) = ... + r u + c u^2 / 2: the rate at satellite time T is r + c T (ppb).
        var truthPpb = p.RateOffsetPpb + (p.RateChangePpbPerSecond * seconds);
        Assert.InRange(engine.RateOffsetPpb, truthPpb - 3, truthPpb + 3);
    }

    [Fact]
    public void Tagger_batches_of_64_give_the_engine_the_same_history_as_single_events()
    {
        var single = ObservedPass.Of("Seed=1").Run.Engine;
        var p = new ScenarioParameters();
        p.Apply("Seed=1 Mode=1 CostStage=1");
        var batched = CostRun.Run(p).Engine;

        Assert.Equivalent(single.Counters, batched.Counters);
        Assert.Equivalent(single.Model, batched.Model);
    }

    [Fact]
    public void A_shadow_satellite_side_in_the_cost_run_leaves_the_ground_side_untouched()
    {
        var a = CostRunOf("Seed=2 Mode=1 CostStage=2 StreamMs=1500");
        var b = CostRunOf("Seed=2 Mode=1 CostStage=2 StreamMs=1500 SatelliteSides=2");

        Assert.True(a.Sifter.Counters.BitsDelivered > 1000);
        Assert.Equivalent(a.Sifter.Counters, b.Sifter.Counters);
        Assert.Equivalent(a.Satellite.Digests, b.Satellite.Digests);
    }

    [Fact]
    public void The_over_light_stage_of_the_cost_run_trips_nothing_at_pass_rates_and_leaves_the_ground_side_untouched()
    {
        var a = CostRunOf("Seed=2 Mode=1 CostStage=2 StreamMs=1500");
        var b = CostRunOf("Seed=2 Mode=1 CostStage=3 StreamMs=1500");

        // ~10 k detections/s over four detectors stay far under 2,000 per 1 ms window.
        Assert.Equal(0, b.OverLightTrips);
        Assert.True(b.Sifter.Counters.BitsDelivered > 1000);
        Assert.Equivalent(a.Engine.Counters, b.Engine.Counters);
        Assert.Equivalent(a.Sifter.Counters, b.Sifter.Counters);
    }

    private static PassRun CostRunOf(string arguments)
    {
        var p = new ScenarioParameters();
        p.Apply(arguments);
        return CostRun.Run(p);
    }

    private static bool IsLockedAt(ObservedPass pass, long timePs)
    {
        var state = "Searching";
        foreach (var (groundPs, s) in pass.Transitions())
        {
            if (groundPs > timePs)
            {
                break;
            }

            state = s;
        }

        return state == "Locked";
    }
}

using GroundStation.InterpreterScenarios;

namespace GroundStation.Tests.Interpreter;

/// <summary>
/// The ground sifter on the same generated pass, against the truth: the stream says which detectors clicked in
/// which slot (so how each slot must be squashed), an independent implementation of the satellite's record says
/// which announced bases match (so which bits must be sifted), and the stream's flips say which single-click key
/// bits must differ from the satellite's.
/// </summary>
public class SiftingScenarioTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Squashing_counts_equal_the_assigned_clicks_grouped_by_slot(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var c = pass.Run.Sifter.Counters;
        long single = 0, sameBasis = 0, crossBasis = 0, duplicates = 0;
        foreach (var slot in AssignedBySlot(pass))
        {
            var channels = slot.Value;
            var distinct = channels.Distinct().ToList();
            duplicates += channels.Count - distinct.Count;
            var bases = distinct.Select(ch => ch / 2).Distinct().Count();
            if (distinct.Count == 1)
            {
                single++;
            }
            else if (bases == 1)
            {
                sameBasis++;
            }
            else
            {
                crossBasis++;
            }
        }

        Assert.Equal(pass.Run.Engine.Counters.Assigned, c.Clicks);
        Assert.Equal(single, c.SingleClickSlots);
        Assert.Equal(sameBasis, c.SameBasisDoubleClicks);
        Assert.Equal(crossBasis, c.CrossBasisMultiClicks);
        Assert.Equal(duplicates, c.DuplicateClicks);
        Assert.True(sameBasis > 0 && crossBasis > 0, "the pass should exercise both multi-click rules");
        Assert.Equal(0, c.OutOfOrderClicks);
        Assert.Equal(0, c.IgnoredClicks);
        Assert.Equal(0, c.DroppedSlots);
        Assert.Equal(single + sameBasis + crossBasis, c.AnnouncedSlots);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Sifted_bits_are_exactly_the_announced_slots_whose_basis_the_satellite_used(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var truth = new IndependentTruth(pass.Parameters.Seed);
        var bySlot = AssignedBySlot(pass);
        var c = pass.Run.Sifter.Counters;

        Assert.Equal(c.AnnouncedSlots, pass.Announced.Count);
        Assert.Equal(bySlot.Keys.Order(), pass.Announced.Select(a => a.Slot));
        foreach (var a in pass.Announced)
        {
            Assert.Equal(truth.Basis(a.Slot), a.SatelliteBasis);
            var channels = bySlot[a.Slot].Distinct().ToList();
            if (channels.Count == 1)
            {
                Assert.Equal(channels[0] / 2, a.GroundBasis);
            }
            else if (channels.Select(ch => ch / 2).Distinct().Count() == 1)
            {
                Assert.Equal(channels[0] / 2, a.GroundBasis);
            }
        }

        var matched = pass.Announced.Where(a => a.GroundBasis == truth.Basis(a.Slot)).ToList();
        Assert.Equal(matched.Count, c.SiftedBits);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(pass.Announced.Count(a => truth.IntensityClass(a.Slot) == k), c.DetectionsInClass(k));
            Assert.Equal(matched.Count(a => truth.IntensityClass(a.Slot) == k), c.SiftedInClass(k));
        }

        Assert.Equal(0, c.DetectionsInClass(3));

        // A passive 50/50 receiver against a 50/50 sender keeps half.
        Assert.InRange(c.SiftedBits, c.AnnouncedSlots * 47 / 100, c.AnnouncedSlots * 53 / 100);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Delivered_key_bits_equal_the_satellites_except_where_the_channel_flipped_them(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var truth = new IndependentTruth(pass.Parameters.Seed);
        var bySlot = AssignedBySlot(pass);
        // Slots whose only click is a single-photon signal click (a multi-click pair with one click lost is not).
        var flipped = pass.Events.Where(e => e.Assigned && e.Kind == PassEvent.KindSignal && !e.MultiClick).ToDictionary(e => e.Slot, e => e.Flipped);
        long clean = 0, flips = 0, other = 0, otherErrors = 0;
        foreach (var bit in pass.Delivered)
        {
            Assert.Equal(truth.Bit(bit.Slot), bit.SatelliteBit);
            Assert.Equal(truth.IntensityClass(bit.Slot), bit.IntensityClass);
            var isSingleSignal = bySlot[bit.Slot].Count == 1 && flipped.ContainsKey(bit.Slot);
            if (!isSingleSignal)
            {
                other++;
                otherErrors += bit.GroundBit != bit.SatelliteBit ? 1 : 0;
            }
            else if (flipped[bit.Slot])
            {
                flips++;
                Assert.NotEqual(bit.SatelliteBit, bit.GroundBit);
            }
            else
            {
                clean++;
                Assert.Equal(bit.SatelliteBit, bit.GroundBit);
            }
        }

        var sat = pass.Run.Satellite;
        Assert.Equal(flips + otherErrors, sat.KeyErrors);
        Assert.Equal(0, sat.BasisMismatches);
        Assert.True(clean > 3000 && flips > 0, $"clean {clean}, flipped {flips}");

        // Flips happen to 2 % of the matched single clicks (QberPpm = 20000).
        Assert.InRange(flips * 1_000_000 / (clean + flips), 10_000, 30_000);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Passes), MemberType = typeof(Scenarios))]
    public void Every_sifted_bit_is_delivered_disclosed_or_discarded_and_both_sides_agree(string tokens)
    {
        var pass = ObservedPass.Of(tokens);
        var c = pass.Run.Sifter.Counters;
        var sat = pass.Run.Satellite;

        Assert.Equal(c.SiftedBits, c.BitsDelivered + c.BitsDisclosed + c.BitsDiscarded);
        Assert.Equal(c.BlocksClosed, c.BlocksAccepted + c.BlocksAlarmed);
        Assert.True(c.BlocksClosed >= 5);
        Assert.Equal(c.SiftedBits, sat.MatchedSlots);
        Assert.Equal(c.BitsDelivered, sat.DeliveredBits);
        Assert.Equal(c.BitsDelivered, pass.Delivered.Count);
        Assert.Equal(c.BitsDisclosed, sat.SampledBits);
        Assert.Equal(c.BlocksAccepted, sat.BlocksAccepted);
        Assert.Equal(c.BlocksAlarmed, sat.BlocksDiscarded);
        Assert.Equal(c.BlocksAlarmed, sat.AlarmsReceived);
        Assert.Equal(0, sat.EstimateDisagreements);
        Assert.Equal(0, sat.Malformed + sat.Unexpected + sat.Refused);
        Assert.Equal(0, c.MalformedPayloads + c.UnexpectedMessages + c.InternalErrors);
        Assert.Equal(0, pass.Run.Sifter.BatchesOutstanding);
        Assert.Equal(0, pass.Run.Sifter.BlocksAwaitingHost);

        // The estimate is a random 1/8 of every block: its error rate is the key's (~4-5 % here) within sampling noise.
        Assert.InRange(sat.SampleErrors * 1000 / sat.SampledBits, 15, 90);
    }

    /// <summary>Assigned clicks grouped by slot: what the sifter receives, as the stream produced it.</summary>
    private static Dictionary<long, List<int>> AssignedBySlot(ObservedPass pass) =>
        pass.Events.Where(e => e.Assigned).GroupBy(e => e.Slot).ToDictionary(g => g.Key, g => g.Select(e => (int)e.Channel).ToList());
}

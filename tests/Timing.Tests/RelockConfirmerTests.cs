using GroundStation.Firmware.Timing;

namespace GroundStation.Tests.Timing;

public class RelockConfirmerTests
{
    private const long Ms = 1_000_000_000;

    [Fact]
    public void Four_agreeing_arrivals_confirm_on_the_fourth()
    {
        var confirmer = new RelockConfirmer(needed: 4, gapPs: 50 * Ms);
        Assert.False(confirmer.Add(0, 1000, 300));
        Assert.False(confirmer.Add(2 * Ms, 1200, 300));
        Assert.False(confirmer.Add(4 * Ms, 800, 300));
        Assert.True(confirmer.Add(6 * Ms, 1290, 300));
    }

    [Fact]
    public void Background_between_beacon_arrivals_does_not_reset_the_beacon_group()
    {
        var confirmer = new RelockConfirmer(needed: 3, gapPs: 50 * Ms);
        Assert.False(confirmer.Add(0, -40_000, 300));       // background, first arrival
        Assert.False(confirmer.Add(1 * Ms, 2_000, 300));    // beacon
        Assert.False(confirmer.Add(2 * Ms, 61_000, 300));   // background
        Assert.False(confirmer.Add(3 * Ms, 2_100, 300));    // beacon
        Assert.False(confirmer.Add(4 * Ms, -39_000, 300));  // background: 1 ns from the first, not within 300 ps
        Assert.True(confirmer.Add(5 * Ms, 1_950, 300));     // beacon, third
    }

    [Fact]
    public void An_arrival_off_by_more_than_the_tolerance_from_the_first_starts_its_own_group()
    {
        var confirmer = new RelockConfirmer(needed: 2, gapPs: 50 * Ms);
        Assert.False(confirmer.Add(0, 0, 300));
        Assert.False(confirmer.Add(1 * Ms, 301, 300));
        Assert.True(confirmer.Add(2 * Ms, 600, 300));  // agrees with the 301 group (299 ps), not with 0
    }

    [Fact]
    public void A_group_whose_last_arrival_is_older_than_the_gap_is_forgotten()
    {
        var confirmer = new RelockConfirmer(needed: 2, gapPs: 50 * Ms);
        Assert.False(confirmer.Add(0, 500, 300));
        Assert.False(confirmer.Add(50 * Ms + 1, 500, 300));  // 1 ps too late: a new group of one
        Assert.True(confirmer.Add(100 * Ms, 500, 300));      // exactly the gap after the second: confirms
    }

    [Fact]
    public void Clear_forgets_partial_groups_and_with_every_table_entry_busy_the_oldest_is_replaced()
    {
        var confirmer = new RelockConfirmer(needed: 2, gapPs: 50 * Ms);
        Assert.False(confirmer.Add(0, 0, 100));
        confirmer.Clear();
        Assert.False(confirmer.Add(1 * Ms, 0, 100));

        // Four groups of one (the table size), a fifth distinct error replaces the oldest (error 0 at 1 ms).
        Assert.False(confirmer.Add(2 * Ms, 1_000, 100));
        Assert.False(confirmer.Add(3 * Ms, 2_000, 100));
        Assert.False(confirmer.Add(4 * Ms, 3_000, 100));
        Assert.False(confirmer.Add(5 * Ms, 4_000, 100));
        Assert.False(confirmer.Add(6 * Ms, 0, 100));     // 0 was replaced: starts over
        Assert.True(confirmer.Add(7 * Ms, 2_050, 100));  // 2,000 group still there
    }
}

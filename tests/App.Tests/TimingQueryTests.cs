namespace GroundStation.Tests.App;

/// <summary>
/// TIM:NOW? (how the host relates the tagger's clock to UTC: the newest record's time and its age on the board clock)
/// and TIM:PRED? (the coarse prediction held, read back).
/// </summary>
public sealed class TimingQueryTests
{
    [Fact]
    public void Tim_now_reports_the_newest_tagger_time_how_long_ago_it_was_read_and_how_long_it_may_have_waited()
    {
        var rig = new FirmwareRig();
        Assert.StartsWith("ERROR -200", rig.Console("TIM:NOW?"));

        // Beacon-channel records (no detector needs to be on) arrive between two reads; read at the next iteration.
        rig.Run(5 * FirmwareRig.StepMicroseconds);
        rig.Tagger.Enqueue([5_000_000_000L, 5_000_200_000L, 4_999_900_000L], [4, 4, 0]);
        rig.Run(FirmwareRig.StepMicroseconds);
        var readAt = rig.Clock.NowMicroseconds;
        rig.Run(250 * FirmwareRig.StepMicroseconds);

        var reply = rig.Console("TIM:NOW?").Split(',');

        Assert.Equal("5000200000", reply[0]);
        // The console line itself takes two loop iterations to answer.
        Assert.Equal(rig.Clock.NowMicroseconds - readAt, long.Parse(reply[1]), 2 * FirmwareRig.StepMicroseconds);
        Assert.InRange(long.Parse(reply[1]), 250_000, 253_000);
        // The read before found the FIFO empty one loop iteration earlier: the records waited at most that long.
        Assert.Equal(FirmwareRig.StepMicroseconds.ToString(), reply[2]);
    }

    [Fact]
    public void Tim_now_never_goes_back_to_an_older_record()
    {
        var rig = new FirmwareRig();
        rig.Tagger.Enqueue([9_000_000_000L], [4]);
        rig.Run(2 * FirmwareRig.StepMicroseconds);

        // A detection read later but stamped earlier (cross-channel pipeline skew) keeps the newest time.
        rig.Tagger.Enqueue([9_000_000_000L + 1], [4]);
        rig.Run(2 * FirmwareRig.StepMicroseconds);

        Assert.StartsWith("9000000001,", rig.Console("TIM:NOW?"));
    }

    [Fact]
    public void Tim_pred_query_returns_the_prediction_as_given()
    {
        var rig = new FirmwareRig();
        Assert.Equal("ERROR -200,\"Execution error; no prediction held (TIM:PRED)\"", rig.Console("TIM:PRED?"));

        Assert.Equal("OK", rig.Console("TIM:PRED 123456789012345,9876543210,4000000000"));

        Assert.Equal("123456789012345,9876543210,4000000000", rig.Console("TIM:PRED?"));
    }
}

using System.Globalization;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.Firmware.App;
using GroundStation.Protocol;
using GroundStation.Protocol.Console;

namespace GroundStation.Boards.Sim.Pass;

/// <summary>
/// Sim-only SCPI commands, registered by the simulation board into the firmware's command table (so they work on the
/// console and through gsctl alike). They exist only on this board; firmware/ knows nothing of them.
/// </summary>
internal static class SimulationCommands
{
    /// <summary>Fields of the SIM:STAT? reply, in order (boards/sim/README.md).</summary>
    public const string StatusFields =
        "phase,fed_pass_s,duration_s,start_board_us,first_lock_tagger_ps,detections_read,events_offered,events_blocked,fifo_lost,host_holds,hold_reason,holds_expired,device_speed,device_busy_s,tagger_lost,paused";

    /// <summary>
    /// Pause points: the host's own actions during a pass (the skew calibration's start and end) happen at a pass
    /// time the board holds for, not when the host's wall clock gets there, so a seeded pass repeats exactly.
    /// </summary>
    private static void RegisterPauses(CommandTable table, PassPlayback? playback)
    {
        table.Register("SIMulation:PAUSe:LOCK", false, 0, 0, "pause the pass at the firmware's first lock, until SIM:CONT (sim board only)", context =>
        {
            if (RequirePass(context, playback))
            {
                playback!.PauseAtLock = true;
                context.Reply("OK");
            }
        });
        table.Register("SIMulation:PAUSe:AFTer", false, 1, 1, "SIM:PAUS:AFT <ms>: pause after that much more pass time, until SIM:CONT (sim board only)", context =>
        {
            int milliseconds;
            if (RequirePass(context, playback) && context.TryGetInt(0, 1, int.MaxValue, out milliseconds))
            {
                playback!.PauseAfter(milliseconds);
                context.Reply("OK");
            }
        });
        table.Register("SIMulation:REPeatable", false, 0, 0, "hold while the host owes anything, so a seed repeats exactly (sim board only)", context =>
        {
            if (RequirePass(context, playback))
            {
                playback!.Repeatable = true;
                context.Reply("OK");
            }
        });
        table.Register("SIMulation:CONTinue", false, 0, 0, "end a pause of the pass (sim board only)", context =>
        {
            if (!RequirePass(context, playback))
            {
                return;
            }

            if (!playback!.Continue())
            {
                context.Fail(ScpiError.ExecutionError, "the pass is not paused");
                return;
            }

            context.Reply("OK");
        });
    }

    private static bool RequirePass(CommandContext context, PassPlayback? playback)
    {
        if (playback is null)
        {
            context.Fail(ScpiError.ExecutionError, "no pass loaded (start gs-simboard with --pass)");
            return false;
        }

        return true;
    }

    public static void Register(FirmwareApp app, PassPlayback? playback, FifoTaggerModel tagger, Action<string> log)
    {
        CommandTable table = app.Link.Commands;
        table.Register("SIMulation:STARt", false, 0, 0, "start playing the loaded pass into the tagger (sim board only)", context =>
        {
            if (playback is null)
            {
                context.Fail(ScpiError.ExecutionError, "no pass loaded (start gs-simboard with --pass)");
            }
            else if (!playback.Start())
            {
                context.Fail(ScpiError.ExecutionError, "the pass has already started");
            }
            else
            {
                log($"pass started at board time {playback.StartBoardMicroseconds} us");
                context.Reply("OK");
            }
        });
        table.Register("SIMulation:STATus", true, 0, 0, StatusFields + " (sim board only)", context =>
        {
            if (playback is null)
            {
                context.Fail(ScpiError.ExecutionError, "no pass loaded (start gs-simboard with --pass)");
                return;
            }

            long[] counts = app.Pipeline.ChannelCounts;
            long detections = 0;
            for (int channel = 0; channel < 4 && channel < counts.Length; channel++)
            {
                detections += counts[channel];
            }

            context.Reply(string.Join(',',
                ((int)playback.Phase).ToString(CultureInfo.InvariantCulture),
                playback.FedPassSeconds.ToString("F3", CultureInfo.InvariantCulture),
                playback.Simulator.Physics.DurationSeconds.ToString("F3", CultureInfo.InvariantCulture),
                playback.StartBoardMicroseconds.ToString(CultureInfo.InvariantCulture),
                playback.FirstLockTaggerPicoseconds.ToString(CultureInfo.InvariantCulture),
                detections.ToString(CultureInfo.InvariantCulture),
                playback.EventsOffered.ToString(CultureInfo.InvariantCulture),
                playback.EventsBlocked.ToString(CultureInfo.InvariantCulture),
                app.Tagger.Counters.Overflowed.ToString(CultureInfo.InvariantCulture),
                playback.HostHolds.ToString(CultureInfo.InvariantCulture),
                "\"" + playback.LastHoldReason + "\"",
                playback.HoldsExpired.ToString(CultureInfo.InvariantCulture),
                playback.Speed.Name,
                (playback.BusyPicoseconds / 1e12).ToString("F3", CultureInfo.InvariantCulture),
                tagger.LostCount.ToString(CultureInfo.InvariantCulture),
                playback.Paused ? "1" : "0"));
        });
        RegisterPauses(table, playback);
    }
}

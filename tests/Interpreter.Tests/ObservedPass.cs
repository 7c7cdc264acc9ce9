using System.Collections.Concurrent;
using GroundStation.InterpreterScenarios;

namespace GroundStation.Tests.Interpreter;

/// <summary>One event of a pass as the test saw it: the stream's truth and the timing engine's answer.</summary>
internal readonly record struct ObservedEvent(long TimePs, byte Channel, int Kind, long TruthSlot, bool MultiClick, bool Flipped, bool Assigned, long Slot);

/// <summary>An announced slot as the satellite side judged it.</summary>
internal readonly record struct AnnouncedSlot(long Slot, int GroundBasis, int SatelliteBasis, int IntensityClass);

/// <summary>A delivered key bit next to the satellite's.</summary>
internal readonly record struct DeliveredBit(long Slot, int GroundBit, int SatelliteBit, int IntensityClass);

/// <summary>
/// A whole compare-scenario run (the desktop build of tests/Interpreter) with everything the observers reported.
/// Runs are cached per parameter text: several tests look at one run (each takes ~0.3 s).
/// </summary>
internal sealed class ObservedPass
{
    private static readonly ConcurrentDictionary<string, Lazy<ObservedPass>> Cache = new();

    private ObservedPass(string tokens)
    {
        var p = new ScenarioParameters();
        p.Apply(tokens);
        Run = new PassRun(p);
        Run.OnEvent = (e, assigned, slot, _) =>
            Events.Add(new ObservedEvent(e.TimePs, e.Channel, e.Kind, e.TruthSlot, e.MultiClick, e.Flipped, assigned, slot));
        Run.Satellite.OnAnnouncedSlot = (slot, groundBasis, satelliteBasis, cls) =>
            Announced.Add(new AnnouncedSlot(slot, groundBasis, satelliteBasis, cls));
        Run.Satellite.OnDeliveredBit = (slot, groundBit, satelliteBit, cls) =>
            Delivered.Add(new DeliveredBit(slot, groundBit, satelliteBit, cls));
        Run.Run();
    }

    public PassRun Run { get; }

    public ScenarioParameters Parameters => Run.Parameters;

    public List<ObservedEvent> Events { get; } = new();

    public List<AnnouncedSlot> Announced { get; } = new();

    public List<DeliveredBit> Delivered { get; } = new();

    public static ObservedPass Of(string tokens) => Cache.GetOrAdd(tokens, t => new Lazy<ObservedPass>(() => new ObservedPass(t))).Value;

    /// <summary>Ground time (ps) at which satellite millisecond <paramref name="ms"/> of the stream arrives.</summary>
    public long GroundPsAtMs(long ms) => Run.Clock.GroundTimePs(Run.Clock.StartSlot + (ms * PassClock.SlotsPerMs));

    /// <summary>The engine's state changes as (ground ps, state name).</summary>
    public List<(long GroundPs, string State)> Transitions()
    {
        var log = Run.States;
        return Enumerable.Range(0, log.Kept).Select(i => (log.GroundPsAt(i), StateLog.Name(log.StateAt(i)))).ToList();
    }
}

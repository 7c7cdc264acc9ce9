namespace GroundStation.Hal.Fakes;

/// <summary>
/// A monotonic clock that only moves when a test advances it. Actions can be scheduled at a virtual time (scripted
/// pin edges, bytes arriving); <see cref="Advance"/> runs them in time order with <see cref="NowMicroseconds"/> set to
/// each action's time, so every recorded transaction carries the exact virtual time it happened at.
/// </summary>
public sealed class VirtualClock : IMonotonicClock
{
    private readonly PriorityQueue<Action, (long At, long Order)> _scheduled = new();
    private long _order;

    public VirtualClock(long startMicroseconds = 0, int resolutionMicroseconds = 1)
    {
        NowMicroseconds = startMicroseconds;
        ResolutionMicroseconds = resolutionMicroseconds;
    }

    public long NowMicroseconds { get; private set; }

    public int ResolutionMicroseconds { get; }

    /// <summary>Actions not yet run.</summary>
    public int PendingCount => _scheduled.Count;

    /// <summary>Runs <paramref name="action"/> when the clock reaches <paramref name="atMicroseconds"/> (ties run in scheduling order).</summary>
    public void Schedule(long atMicroseconds, Action action)
    {
        if (atMicroseconds < NowMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(atMicroseconds), $"{atMicroseconds} us is in the past (now {NowMicroseconds} us)");
        }

        _scheduled.Enqueue(action, (atMicroseconds, _order++));
    }

    public void Advance(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        AdvanceTo(NowMicroseconds + microseconds);
    }

    /// <summary>Moves to <paramref name="targetMicroseconds"/>, running every action due on the way.</summary>
    public void AdvanceTo(long targetMicroseconds)
    {
        if (targetMicroseconds < NowMicroseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(targetMicroseconds), "a monotonic clock cannot go backwards");
        }

        while (_scheduled.TryPeek(out var action, out var key) && key.At <= targetMicroseconds)
        {
            _scheduled.Dequeue();
            NowMicroseconds = key.At;
            action();
        }

        NowMicroseconds = targetMicroseconds;
    }
}

namespace GroundStation.Simulator.Events;

/// <summary>
/// Pull-by-time access to a pass's event stream for a time-driven consumer (the FIFO tagger chip model advancing
/// with the simulation board's virtual clock): take every event earlier than a ground time, one batch in memory.
/// </summary>
public sealed class EventCursor : IDisposable
{
    readonly IEnumerator<TaggerEventBatch> _batches;
    TaggerEventBatch? _current;
    int _index;
    bool _finished;

    public EventCursor(PassSimulator sim) => _batches = sim.Batches().GetEnumerator();

    /// <summary>True once every event has been taken.</summary>
    public bool Finished => _finished && (_current is null || _index >= _current.Count);

    /// <summary>The next event without taking it; false at the end of the pass.</summary>
    public bool TryPeek(out TaggerEvent e)
    {
        while (_current is null || _index >= _current.Count)
        {
            if (_finished || !_batches.MoveNext())
            {
                _finished = true;
                e = default;
                return false;
            }
            _current = _batches.Current;
            _index = 0;
            if (_current.IsLast) _finished = true;
        }
        e = _current.Buffer[_index];
        return true;
    }

    /// <summary>Appends to <paramref name="into"/> every event with TimePs &lt; <paramref name="beforePs"/>; returns how many.</summary>
    public int TakeBefore(long beforePs, List<TaggerEvent> into)
    {
        int taken = 0;
        while (TryPeek(out var e) && e.TimePs < beforePs)
        {
            into.Add(e);
            _index++;
            taken++;
        }
        return taken;
    }

    /// <summary>Takes the next event; false at the end of the pass.</summary>
    public bool TryTake(out TaggerEvent e)
    {
        if (!TryPeek(out e)) return false;
        _index++;
        return true;
    }

    public void Dispose() => _batches.Dispose();
}

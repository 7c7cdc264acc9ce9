namespace GroundStation.Peer.Session;

/// <summary>
/// Wakes every waiter once per <see cref="Pulse"/>. Take <see cref="Task"/> before checking the condition you wait for,
/// then await it: a pulse in between is not lost.
/// </summary>
internal sealed class AsyncPulse
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => Volatile.Read(ref _current).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

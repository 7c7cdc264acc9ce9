namespace GroundStation.Tests.App;

/// <summary>
/// The acquisition task's two hand-over queues as gs_esp32_acquisition.c keeps them (closed announcement batches,
/// notices as kind/argument pairs), with TakeClosedBatch's and TakeNotices's copy-out, for the test fakes of the task.
/// </summary>
internal sealed class TaskHandOverQueues
{
    private readonly Queue<(long[] Info, byte[] Deltas, byte[] Roles, byte[] Basis)> _batches = new();
    private readonly List<int> _notices = new();

    /// <summary>A closed batch: info as NativeAcquisition.TakeClosedBatch lays it out (first, last, number, count, delta bytes, encoded length).</summary>
    public void AddBatch(long[] info, byte[] deltas, byte[] roles, byte[] basis) => _batches.Enqueue((info, deltas, roles, basis));

    public void AddNotice(int kind, int argument)
    {
        _notices.Add(kind);
        _notices.Add(argument);
    }

    public int TakeClosedBatch(byte[] deltas, byte[] roles, byte[] basisBits, long[] info)
    {
        if (_batches.Count == 0)
        {
            return 0;
        }

        var b = _batches.Dequeue();
        b.Deltas.CopyTo(deltas, 0);
        b.Roles.CopyTo(roles, 0);
        b.Basis.CopyTo(basisBits, 0);
        b.Info.CopyTo(info, 0);
        return (int)b.Info[3];
    }

    /// <summary>Whole pairs that fit; the rest stays, in order, for the next call (as the C does).</summary>
    public int TakeNotices(int[] notices)
    {
        int n = Math.Min(notices.Length & ~1, _notices.Count);
        _notices.CopyTo(0, notices, 0, n);
        _notices.RemoveRange(0, n);
        return n;
    }
}

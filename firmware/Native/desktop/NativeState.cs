using System.Runtime.InteropServices;

namespace GroundStation.NativeCore;

/// <summary>
/// A caller-owned C state block (the core has no heap): zeroed native memory of the size the library reports,
/// freed with the owner. Not thread-safe, like the managed classes it stands in for.
/// </summary>
public abstract unsafe class NativeState : IDisposable
{
    private void* _state;

    protected NativeState(nuint size)
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            throw new InvalidOperationException(NativeCoreLibrary.UnavailableReason);
        }

        _state = NativeMemory.AlignedAlloc(size, 16);
        NativeMemory.Clear(_state, size);
    }

    /// <summary>The block, for the P/Invoke calls.</summary>
    protected void* State
    {
        get
        {
            ObjectDisposedException.ThrowIf(_state == null, this);
            return _state;
        }
    }

    /// <summary>Throws for a negative gs_status (a caller error: the wrappers check arguments first).</summary>
    protected static int Check(int status, string call)
    {
        if (status < 0)
        {
            throw new InvalidOperationException(call + " failed with gs_status " + status);
        }

        return status;
    }

    public void Dispose()
    {
        if (_state != null)
        {
            NativeMemory.AlignedFree(_state);
            _state = null;
        }

        GC.SuppressFinalize(this);
    }

    ~NativeState()
    {
        if (_state != null)
        {
            NativeMemory.AlignedFree(_state);
        }
    }
}

using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// A fact that needs the native core: reported as skipped (with the reason), not passed, where libgscore was not
/// built (no C compiler), so the test summary stays honest about what ran.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            Skip = NativeCoreLibrary.UnavailableReason;
        }
    }
}

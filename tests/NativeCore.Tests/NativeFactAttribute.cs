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

/// <summary>A theory that needs the native core; skipped as <see cref="NativeFactAttribute"/> is.</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    public NativeTheoryAttribute()
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            Skip = NativeCoreLibrary.UnavailableReason;
        }
    }
}

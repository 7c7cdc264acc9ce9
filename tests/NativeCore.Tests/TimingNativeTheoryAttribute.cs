using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>A theory that needs the native core: skipped with the reason where libgscore was not built (see <see cref="NativeFactAttribute"/>).</summary>
public sealed class TimingNativeTheoryAttribute : TheoryAttribute
{
    public TimingNativeTheoryAttribute()
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            Skip = NativeCoreLibrary.UnavailableReason;
        }
    }
}

using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

public class NativeCoreLibraryTests
{
    [NativeFact]
    public void The_library_built_here_has_the_abi_version_the_declarations_expect()
    {
        Assert.True(NativeCoreLibrary.IsAvailable);
        Assert.Null(NativeCoreLibrary.UnavailableReason);
    }
}

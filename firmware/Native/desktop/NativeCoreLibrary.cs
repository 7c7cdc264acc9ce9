using System.Reflection;
using System.Runtime.InteropServices;

namespace GroundStation.NativeCore;

/// <summary>
/// Whether the native acquisition core (libgscore, built from firmware/Native/core by this project's build when a C
/// compiler is present) can be used here. Callers fall back to the managed core when it cannot.
/// </summary>
public static class NativeCoreLibrary
{
    /// <summary>The name P/Invoke declarations bind to (libgscore.so / libgscore.dylib next to the assembly).</summary>
    public const string Name = "gscore";

    /// <summary>The C API version these declarations were written for (GS_CORE_ABI_VERSION in gs_types.h).</summary>
    public const int AbiVersion = 1;

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>True when the library loads and has the ABI version this assembly declares.</summary>
    public static bool IsAvailable => Problem.Value == null;

    /// <summary>Why the native core cannot be used (one line), or null when it can.</summary>
    public static string? UnavailableReason => Problem.Value;

    private static string? Probe()
    {
        if (!NativeLibrary.TryLoad(Name, typeof(NativeCoreLibrary).Assembly, DllImportSearchPath.AssemblyDirectory, out IntPtr handle))
        {
            return "native core not built (no C compiler when this was built): the managed core is used";
        }

        if (!NativeLibrary.TryGetExport(handle, "gs_core_abi_version", out IntPtr export))
        {
            return "native core library has no gs_core_abi_version: the managed core is used";
        }

        int version;
        unsafe
        {
            version = ((delegate* unmanaged<int>)export)();
        }

        return version == AbiVersion
            ? null
            : "native core library is ABI " + version + ", this build expects " + AbiVersion + " (stale build?): the managed core is used";
    }
}

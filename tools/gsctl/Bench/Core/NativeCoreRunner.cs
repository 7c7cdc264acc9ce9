namespace GroundStation.Gsctl.Bench.Core;

/// <summary>
/// The native core on the desktop (libgscore through the P/Invoke classes of firmware/Native/desktop). This branch
/// does not have the pipeline's P/Invoke class yet: the bench then says so in one line and reports the managed core
/// and the ESP32 estimate alone.
/// </summary>
internal static class NativeCoreRunner
{
    public static CoreOutput? TryRun(FifoRecordStream stream, int seed, out string? problem)
    {
        _ = stream;
        _ = seed;
        problem = "the native pipeline's P/Invoke class (firmware/Native/desktop) is not built into gsctl";
        return null;
    }
}

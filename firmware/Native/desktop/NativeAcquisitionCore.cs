using GroundStation.Firmware.App;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;

namespace GroundStation.NativeCore;

/// <summary>
/// The native per-event core on the desktop: the FIFO record loop, the over-light windows, the timing engine (T's
/// gs_timing) and the sifter's announce path from libgscore, handed to <see cref="FirmwareApp"/> at start-up. The parts live as long as the process (a
/// firmware instance never gives them back), so they are not disposed here.
/// </summary>
public sealed class NativeAcquisitionCore : IAcquisitionCore
{
    public string Name => "native";

    public ITimingEngine CreateTimingEngine(TimingConfig config)
    {
        try
        {
            return new NativeTimingAdapter(new NativeTimingEngine(config));
        }
        catch (ArgumentException)
        {
            return null!; // beyond gs_timing's compile-time capacities: the managed engine serves this configuration
        }
    }

    public IFifoRecordDecoder CreateFifoDecoder() => new NativeFifoDecoder();

    public IOverLightCounter CreateOverLightCounter(int detectors, long windowPicoseconds) => new NativeOverlight(detectors, windowPicoseconds);

    public IAnnouncePath CreateAnnouncePath(SiftingConfig config)
    {
        var roles = new byte[256];
        for (int c = 0; c < roles.Length; c++)
        {
            roles[c] = (byte)config.Receiver.RoleOf((byte)c);
        }

        if (config.BatchCapacity > NativeAnnouncer.MaxCapacity
            || Math.Min((config.BatchCapacity - 1) * 10L, config.MaxPayloadBytes) + 10 > NativeAnnouncer.MaxDeltaBytes)
        {
            return null!; // beyond the C state's compile-time maxima (gs_announce.h): the managed path serves it
        }

        return new NativeAnnouncer(config.BatchCapacity, config.MaxPayloadBytes, config.BatchCount,
            config.Receiver.ZBasisProbabilityPpm, roles);
    }

    /// <summary>
    /// The core `--core` names: "native" where libgscore is built here, "managed" otherwise; null core = managed.
    /// <paramref name="notice"/> is the one line to print when native was asked for (or defaulted) but is not built.
    /// </summary>
    public static IAcquisitionCore? Select(string? requested, out string? notice)
    {
        notice = null;
        if (requested == "managed")
        {
            return null;
        }

        if (NativeCoreLibrary.IsAvailable)
        {
            return new NativeAcquisitionCore();
        }

        notice = NativeCoreLibrary.UnavailableReason;
        return null;
    }
}

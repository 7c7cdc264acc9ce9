using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// Which implementation runs the per-event path, chosen once at start-up (firmware/Native/README.md "Seam"). The
    /// managed core is the reference and the default: <see cref="FirmwareApp"/> built without a core, or a part
    /// returned as null, uses the managed classes. A native core (libgscore through P/Invoke on the desktop, the
    /// InternalCall class of firmware/Native/Managed on a custom ESP32 image) supplies the per-event parts; the
    /// control plane (state supervision, configuration, console, link, telemetry, safe states) stays managed either way.
    /// </summary>
    public interface IAcquisitionCore
    {
        /// <summary>"managed" or "native", for the start-up report.</summary>
        string Name { get; }

        /// <summary>The timing engine for this configuration, or null for the managed <see cref="TimingEngine"/>.</summary>
        ITimingEngine CreateTimingEngine(TimingConfig config);

        /// <summary>The FIFO tagger's record loop, or null for the driver's own.</summary>
        IFifoRecordDecoder CreateFifoDecoder();

        /// <summary>The over-light windows for <paramref name="detectors"/> detectors, or null for the managed ones.</summary>
        IOverLightCounter CreateOverLightCounter(int detectors, long windowPicoseconds);

        /// <summary>The sifter's per-detection announce path for this configuration, or null for the managed one.</summary>
        IAnnouncePath CreateAnnouncePath(SiftingConfig config);
    }
}

namespace GroundStation.Boards.Sim.Speed;

/// <summary>
/// How fast the modelled controller processes tagger events (gs-simboard --device-speed). The simulation board runs
/// the firmware as fast as the desktop can; with an ESP32 speed the board clock (and with it tagger time) moves on by
/// the modelled processing time of every record the firmware read, so a pass above the image's limit overflows the
/// tagger's FIFO as it would on the bench. Per-loop costs (link, telemetry) are not modelled: the per-event figures
/// below already include the sifting service that the loop runs per batch.
/// </summary>
internal sealed record DeviceSpeed(string Name, long PicosecondsPerEvent, string Source)
{
    /// <summary>
    /// IL-op-equivalents per tagger event of the managed device core (timing + sifting, locked steady state) on
    /// nanoCLR: tests/Interpreter/README.md, "Measured on nanoCLR" (lean branch: TimingEngine.ProcessBatch 578 +
    /// GroundSifter 734), measured with an IL-counting build of nf-interpreter's posix nanoCLR.
    /// </summary>
    public const long StockIlOpsPerEvent = 1312;

    /// <summary>
    /// ns per IL-op-equivalent on the stock ESP32_REV3 image (ESP32-WROOM, the DevKitC board): a published
    /// `while (true) pin.Toggle();` loop runs 54 k iterations/s, ~42 IL-op-equivalents each on nanoCLR
    /// (firmware/DEVICE_CODING.md section 5, issue 15). The PSRAM_REV3 image's 162 k/s gives 150 ns; the slower,
    /// default board is modelled, so a pass that fits the model fits both images.
    /// </summary>
    public const long StockNanosecondsPerIlOp = 440;

    /// <summary>
    /// Estimated ns per tagger event of the native core on one 240 MHz ESP32 core: `gsctl bench core`'s
    /// nativeEsp32CyclesPerEvent, 1,574 cycles (856 instructions of the 32-bit build x 1.5 CPI + 14.5 widening
    /// multiplies x 20 cycles; tools/Testbed/Bench/Core/README.md, "Measured") / 240 MHz, i.e. ~152,000 events/s.
    /// </summary>
    public const long NativeNanosecondsPerEvent = 6_560;

    public static DeviceSpeed Unlimited { get; } = new("unlimited", 0, "as fast as this machine runs the firmware");

    public static DeviceSpeed Esp32Stock { get; } = new("esp32-stock", StockIlOpsPerEvent * StockNanosecondsPerIlOp * 1000,
        $"stock nanoFramework image, managed core: {StockIlOpsPerEvent} IL-op-equivalents/event x {StockNanosecondsPerIlOp} ns (ESP32_REV3)");

    public static DeviceSpeed Esp32Native { get; } = new("esp32-native", NativeNanosecondsPerEvent * 1000,
        $"custom image, native core on the other ESP32 core: {NativeNanosecondsPerEvent} ns/event (gsctl bench core's 32-bit instruction count)");

    public static IReadOnlyList<DeviceSpeed> All { get; } = [Esp32Stock, Esp32Native, Unlimited];

    /// <summary>Whether the board clock is charged for processing at all.</summary>
    public bool IsLimited => PicosecondsPerEvent > 0;

    /// <summary>The sustained event rate the model allows (events/s), or 0 when unlimited.</summary>
    public double MaxEventsPerSecond => IsLimited ? 1e12 / PicosecondsPerEvent : 0;

    /// <summary>The speed of that name; an unknown name throws <see cref="ArgumentException"/> listing the names.</summary>
    public static DeviceSpeed Parse(string name)
    {
        foreach (var speed in All)
        {
            if (speed.Name == name)
            {
                return speed;
            }
        }

        throw new ArgumentException($"unknown device speed '{name}' (one of {string.Join(", ", All.Select(s => s.Name))})");
    }
}

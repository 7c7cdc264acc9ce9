namespace GroundStation.Boards.Sim.Speed;

/// <summary>
/// How fast the modelled controller processes tagger events (gs-simboard --device-speed). The simulation board runs
/// the firmware as fast as the desktop can; with an ESP32 speed the board clock (and with it tagger time) moves on by
/// the modelled processing time of every record the firmware read, so a pass above the image's limit overflows the
/// tagger's FIFO as it would on the bench. Per-loop costs (link, telemetry) are not modelled: the per-event figures
/// (<see cref="Esp32EventCost"/>) already include the sifting service that the loop runs per batch.
/// </summary>
internal sealed record DeviceSpeed(string Name, long PicosecondsPerEvent, string Source)
{
    public static DeviceSpeed Unlimited { get; } = new("unlimited", 0, "as fast as this machine runs the firmware");

    // The slower, default board's image is modelled, so a pass that fits the model fits both stock images.
    public static DeviceSpeed Esp32Stock { get; } = new("esp32-stock",
        (long)Esp32EventCost.ManagedIlOpsPerEvent * Esp32EventCost.SlowImageNanosecondsPerIlOp * 1000,
        $"stock nanoFramework image, managed core: {Esp32EventCost.ManagedIlOpsPerEvent} IL-op-equivalents/event " +
        $"x {Esp32EventCost.SlowImageNanosecondsPerIlOp} ns (ESP32_REV3)");

    public static DeviceSpeed Esp32Native { get; } = new("esp32-native", (long)Esp32EventCost.NativeNanosecondsPerEvent * 1000,
        $"custom image, native core on the other ESP32 core: {Esp32EventCost.NativeNanosecondsPerEvent} ns/event " +
        "(gsctl bench core's 32-bit instruction count)");

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

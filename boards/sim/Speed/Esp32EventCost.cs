namespace GroundStation.Boards.Sim.Speed;

/// <summary>
/// What one tagger event costs the firmware's per-event path on an ESP32, per image: the one place the simulation
/// board's device-speed model (<see cref="DeviceSpeed"/>) and `gsctl bench core`'s ESP32 estimates read them from.
/// </summary>
public static class Esp32EventCost
{
    /// <summary>
    /// IL-op-equivalents per tagger event the stock image's managed per-event path executes: 511 = timing 181 +
    /// sifting 220 + over-light check 111, counted on nanoCLR (IL-counting build of nf-interpreter's posix nanoCLR,
    /// lean managed core, locked steady state of the scenario program's default pass, tagger batches of 64;
    /// tests/Interpreter/README.md "Measured on nanoCLR", firmware/README.md "Sustained event rate per image").
    /// The over-light check is in: AcquisitionPipeline.RunBatch runs SpcmController.OnDetections over every batch
    /// ahead of timing, so the device pays it per event (timing + sifting alone, 401, is not what the device runs).
    /// Still left out, as there: SPI readout, record decoding, the per-channel counts, link and telemetry.
    /// </summary>
    public const int ManagedIlOpsPerEvent = 511;

    /// <summary>
    /// ns per IL-op-equivalent on the stock ESP32_REV3 image (ESP32-WROOM, the DevKitC board): a published
    /// `while (true) pin.Toggle();` loop runs 54 k iterations/s, ~42 IL-op-equivalents each on nanoCLR
    /// (firmware/DEVICE_CODING.md section 5, issue 15).
    /// </summary>
    public const int SlowImageNanosecondsPerIlOp = 440;

    /// <summary>The same on the ESP32_PSRAM_REV3 image (WROVER): 162 k toggles/s.</summary>
    public const int FastImageNanosecondsPerIlOp = 150;

    /// <summary>
    /// Estimated ns per tagger event of the native core on one 240 MHz ESP32 core: `gsctl bench core`'s
    /// nativeEsp32CyclesPerEvent / 240 MHz, 794.9 cycles (504.7 instructions of the 32-bit build x 1.5 CPI + 4.2
    /// widening multiplies x 9 cycles) = 3.312 us, ~302,000 events/s (tools/Testbed/Bench/Core/README.md, "Measured").
    /// The bench prints this figure beside its estimate and its test fails when they drift apart by more than 2 %:
    /// after a change of the C core, re-run the bench and update both.
    /// </summary>
    public const int NativeNanosecondsPerEvent = 3_312;
}

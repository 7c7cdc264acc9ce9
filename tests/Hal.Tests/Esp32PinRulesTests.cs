using GroundStation.Boards.Esp32;
using GroundStation.Hal;

namespace GroundStation.Tests.Hal;

public class Esp32PinRulesTests
{
    [Fact]
    public void The_devkitc_pin_map_passes()
    {
        var map = GroundStation.Boards.Esp32DevKitC.PinMap.Create();
        Esp32PinRules.Validate(map.BoardName, map.ToAssignments(), map.HasPsram, new HalFaultCounters());
        Assert.False(map.HasPsram);
        Assert.Equal(19, map.ToAssignments().Length);
    }

    [Fact]
    public void The_wrover_pin_map_passes_and_keeps_off_the_psram_pins()
    {
        var map = GroundStation.Boards.Esp32Wrover.PinMap.Create();
        Esp32PinRules.Validate(map.BoardName, map.ToAssignments(), map.HasPsram, new HalFaultCounters());
        Assert.DoesNotContain(map.ToAssignments(), p => p.Pin == 16 || p.Pin == 17);
    }

    [Fact]
    public void The_devkitc_map_is_rejected_on_a_psram_module_because_of_its_uart()
    {
        var map = GroundStation.Boards.Esp32DevKitC.PinMap.Create();
        var e = Assert.Throws<HalException>(() => Esp32PinRules.Validate("x", map.ToAssignments(), hasPsram: true, new HalFaultCounters()));
        Assert.Equal("x: pin map rejected: GPIO17 (COM2 TX) is wired to the PSRAM on WROVER modules", e.Message);
    }

    [Theory]
    [InlineData(6, PinRole.ChipSelect, "is wired to the module's SPI flash")]
    [InlineData(11, PinRole.ExternalInput, "is wired to the module's SPI flash")]
    [InlineData(1, PinRole.UartTx, "is UART0 (COM1), which the nanoFramework debugger uses")]
    [InlineData(34, PinRole.OutputIdleLow, "is input-only on the ESP32 and cannot drive an output")]
    [InlineData(39, PinRole.ChipSelect, "is input-only on the ESP32 and cannot drive an output")]
    [InlineData(24, PinRole.OutputIdleLow, "does not exist on the ESP32")]
    [InlineData(40, PinRole.ExternalInput, "does not exist on the ESP32")]
    public void Unusable_pins_are_rejected_with_the_reason(int pin, PinRole role, string reason)
    {
        Assert.Equal(reason, Esp32PinRules.WhyUnsafe(new PinAssignment(pin, "sig", role), hasPsram: false));
    }

    [Theory]
    [InlineData(12, PinRole.ChipSelect, false)]     // pulled high: 1.8 V flash, no boot
    [InlineData(12, PinRole.UartRx, false)]         // the host's idle TX holds it high
    [InlineData(12, PinRole.ExternalInput, false)]
    [InlineData(12, PinRole.OutputIdleLow, true)]
    [InlineData(0, PinRole.OutputIdleLow, false)]   // low at reset = download mode
    [InlineData(0, PinRole.ChipSelect, true)]
    [InlineData(2, PinRole.ChipSelect, false)]
    [InlineData(2, PinRole.OutputIdleLow, true)]
    [InlineData(5, PinRole.ChipSelect, true)]
    [InlineData(5, PinRole.SpiInput, false)]
    [InlineData(15, PinRole.OutputIdleLow, false)]
    [InlineData(15, PinRole.SpiOutput, true)]       // floats at reset; the internal pull-up wins
    [InlineData(34, PinRole.ExternalInput, true)]
    [InlineData(16, PinRole.UartRx, true)]
    public void Strapping_pins_are_allowed_only_for_jobs_that_leave_the_boot_level_right(int pin, PinRole role, bool safe)
    {
        string? reason = Esp32PinRules.WhyUnsafe(new PinAssignment(pin, "sig", role), hasPsram: false);
        Assert.Equal(safe, reason is null);
        if (!safe)
        {
            Assert.Contains("strapping pin", reason);
        }
    }

    [Fact]
    public void One_pin_assigned_twice_is_rejected_naming_both_signals()
    {
        var map = GroundStation.Boards.Esp32DevKitC.PinMap.Create();
        map.AdcChipSelect = map.DacChipSelect;
        var faults = new HalFaultCounters();

        var e = Assert.Throws<HalException>(() => Esp32PinRules.Validate(map.BoardName, map.ToAssignments(), false, faults));
        Assert.Equal(HalFault.PinMapInvalid, e.Fault);
        Assert.Equal("esp32-devkitc: pin map rejected: GPIO15 (ADC CS) is already assigned to DAC CS", e.Message);
        Assert.Equal(1, faults.Get(HalFault.PinMapInvalid));
    }

    [Fact]
    public void Builder_refuses_an_unsafe_map_before_opening_any_hardware()
    {
        var map = GroundStation.Boards.Esp32DevKitC.PinMap.Create();
        map.Shutter = 37; // input-only
        var e = Assert.Throws<HalException>(() => Esp32BoardBuilder.Build(map, BufferBudget.SmallHeap(), () => { }));
        Assert.Equal("esp32-devkitc: pin map rejected: GPIO37 (shutter) is input-only on the ESP32 and cannot drive an output", e.Message);
    }

    [Fact]
    public void Buffer_budgets_fit_their_heaps()
    {
        // A detection record is a long + a byte; beacons are longs; blocks and serial buffers are bytes.
        foreach (var b in new[] { BufferBudget.SmallHeap(), BufferBudget.PsramHeap(), BufferBudget.Large() })
        {
            long bytes = b.DetectionRingCapacity * 9L + b.BeaconRingCapacity * 8L + (long)b.SiftedBlockBytes * b.SiftedBlockQueueDepth
                + b.SerialReceiveBufferBytes + b.SerialTransmitBufferBytes + b.DetectionBatchSize * 9L;
            Assert.True(bytes <= b.ManagedHeapBudgetBytes, $"{bytes} bytes exceed {b.ManagedHeapBudgetBytes}");
        }
    }
}

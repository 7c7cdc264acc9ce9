using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Hal;

public class FaultReportingTests
{
    [Fact]
    public void Raise_counts_the_fault_and_returns_a_typed_exception()
    {
        var faults = new HalFaultCounters();
        var e = faults.Raise(HalFault.DeviceAbsent, "dac", "no answer");

        Assert.Equal(HalFault.DeviceAbsent, e.Fault);
        Assert.Equal("dac", e.Device);
        Assert.Equal("dac: no answer", e.Message);
        Assert.Equal(1, faults.Get(HalFault.DeviceAbsent));
        Assert.Equal(1, faults.Total);
    }

    [Fact]
    public void CopyTo_indexes_counters_by_fault_number()
    {
        var faults = new HalFaultCounters();
        faults.Increment(HalFault.StoreCorrupt);
        faults.Increment(HalFault.StoreCorrupt);
        faults.Increment(HalFault.WatchdogReset);
        var counts = new int[HalFaultCounters.KindCount];
        faults.CopyTo(counts);

        Assert.Equal(new[] { 0, 0, 0, 2, 0, 0, 0, 0, 1 }, counts);
    }

    [Fact]
    public void KindCount_covers_every_fault_value()
    {
        Assert.Equal(HalFaultCounters.KindCount, Enum.GetValues<HalFault>().Max(f => (int)f) + 1);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF }, true)]
    [InlineData(new byte[] { 0x00, 0x00 }, true)]
    [InlineData(new byte[] { 0xFF, 0x00 }, false)]
    [InlineData(new byte[] { 0x41, 0x41 }, false)]
    public void Absent_device_is_all_ones_or_all_zeros(byte[] readBack, bool absent)
    {
        Assert.Equal(absent, DeviceAbsenceCheck.LooksAbsent(readBack, 0, readBack.Length));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x00)]
    public void A_chip_that_is_not_there_is_reported_as_DeviceAbsent_and_counted(byte misoLevel)
    {
        var faults = new HalFaultCounters();
        var bus = new FakeSpiBus { Faults = faults };
        var dac = bus.AttachAbsent(2, "dac", misoLevel);
        var tx = new byte[] { 0x80, 0x00, 0x00 };
        var rx = new byte[3];

        dac.Transfer(tx, rx, 3);
        var e = Assert.Throws<HalException>(() => DeviceAbsenceCheck.ThrowIfAbsent(dac.Name, rx, 1, 2, faults));

        Assert.Equal(HalFault.DeviceAbsent, e.Fault);
        Assert.Contains(misoLevel == 0xFF ? "0xFF" : "0x00", e.Message);
        Assert.Equal(1, faults.Get(HalFault.DeviceAbsent));
        Assert.Equal(new byte[] { 0x80, 0x00, 0x00 }, bus.Frames.Single().Mosi);
    }

    [Fact]
    public void BoardResources_names_the_missing_resource()
    {
        var board = new FakeBoard().Resources;
        var incomplete = new BoardResources("half-built") { Tagger = board.Tagger, TaggerInterrupt = board.TaggerInterrupt };

        var e = Assert.Throws<HalException>(incomplete.Validate);
        Assert.Equal(HalFault.PinMapInvalid, e.Fault);
        Assert.Equal("half-built: Dac is not wired on this board", e.Message);
        Assert.Equal(1, incomplete.Faults.Get(HalFault.PinMapInvalid));
    }
}

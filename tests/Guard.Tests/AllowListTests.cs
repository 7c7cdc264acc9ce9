using GroundStation.NanoGuard;

namespace GroundStation.Tests.Guard;

public class AllowListTests
{
    [Fact]
    public void Parses_types_exact_overloads_accessors_defaults_and_desktop_bindings()
    {
        var list = AllowList.Parse("""
            # header comment
            System.Device.Gpio.GpioPin                                # a type
            System.Device.Gpio.GpioPin.Write(PinValue)
            System.Device.Gpio.GpioPin.PinNumber { get; }
            System.Device.Spi.SpiConnectionSettings.Mode { get; set; }
            System.Device.Spi.SpiConnectionSettings..ctor(int, int = -1)
            System.Device.Gpio.PinMode.Output
            System.Device.Gpio.PinValue.op_Implicit(int) : PinValue
            desktop System.String.Split(char, StringSplitOptions) => System.String.Split(params char[])
            """);

        Assert.Empty(list.Problems);
        Assert.True(list.AllowsType("System.Device.Gpio.GpioPin"));
        Assert.True(list.Allows("System.Device.Gpio.GpioPin", "Write(PinValue)"));
        Assert.False(list.Allows("System.Device.Gpio.GpioPin", "Write(int)"));
        Assert.True(list.AllowsAccessor("System.Device.Gpio.GpioPin", "PinNumber", setter: false));
        Assert.False(list.AllowsAccessor("System.Device.Gpio.GpioPin", "PinNumber", setter: true));
        Assert.True(list.AllowsAccessor("System.Device.Spi.SpiConnectionSettings", "Mode", setter: true));
        Assert.True(list.Allows("System.Device.Spi.SpiConnectionSettings", ".ctor(int, int)"));
        var overload = Assert.Single(list.Overloads("System.Device.Spi.SpiConnectionSettings", ".ctor"));
        Assert.Equal(new[] { false, true }, overload.Optional);
        Assert.True(list.Allows("System.Device.Gpio.PinMode", "Output"));
        Assert.True(list.Allows("System.Device.Gpio.PinValue", "op_Implicit(int) : PinValue"));
        Assert.Equal("System.String.Split(paramschar[])", list.DesktopBindings["System.String.Split(char,StringSplitOptions)"]);
        Assert.True(list.KnowsNamespace("System.Device.Gpio"));
        Assert.False(list.KnowsNamespace("System.Linq"));
    }

    [Theory]
    [InlineData("System.Device.Gpio.PinMode.*", "wildcards are not allowed")]
    [InlineData("System.Device.Gpio.GpioPin.PinNumber { }", "a property lists its accessors")]
    [InlineData("System.Device.Gpio.GpioPin.Write(PinValue", "unbalanced parameter list")]
    [InlineData("desktop System.String.Split => nothing", "a desktop binding is")]
    public void A_list_with_wildcards_or_malformed_entries_is_refused(string entry, string problem)
    {
        var list = AllowList.Parse("System.Device.Gpio.GpioPin\n" + entry + "\n");

        var reported = Assert.Single(list.Problems);
        Assert.Contains("line 2", reported, StringComparison.Ordinal);
        Assert.Contains(problem, reported, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_refuses_to_judge_with_a_broken_list()
    {
        var diagnostics = GuardHarness.Analyze("class Device { }", allowList: "System.Device.Gpio.PinMode.*\n");

        var hit = Assert.Single(diagnostics);
        Assert.Equal("NANO000", hit.Id);
        Assert.Contains("wildcards are not allowed", hit.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Repository_list_names_the_package_versions_and_tags_it_was_read_from()
    {
        var header = string.Join('\n', File.ReadLines(GuardHarness.AllowListPath).Where(l => l.StartsWith('#')));

        foreach (var section in new[]
        {
            "nanoFramework.System.Device.Gpio 1.1.62  (nanoframework/System.Device.Gpio tag v1.1.62",
            "nanoFramework.System.Device.Spi 1.3.89  (nanoframework/System.Device.Spi tag v1.3.89",
            "nanoFramework.Hardware.Esp32 1.6.40  (nanoframework/nanoFramework.Hardware.Esp32 tag v1.6.40",
            "nanoFramework.System.IO.Ports 1.1.139  (nanoframework/System.IO.Ports tag v1.1.139",
            "nanoFramework.Runtime.Events 1.11.37  (nanoframework/nanoFramework.Runtime.Events tag v1.11.37",
            "nanoFramework.Runtime.Native 1.7.11  (nanoframework/nanoFramework.Runtime.Native tag v1.7.11",
            "nanoFramework.System.Text 1.3.42  (nanoframework/System.Text tag v1.3.42",
            "nanoFramework.System.Collections 1.5.75  (nanoframework/System.Collections tag v1.5.75",
            "(nanoframework/nanoFramework.TestFramework tag v3.0.77",
        })
        {
            Assert.Contains(section, header, StringComparison.Ordinal);
        }

        // mscorlib is read from the package, never listed.
        Assert.DoesNotContain(File.ReadLines(GuardHarness.AllowListPath), l => l.StartsWith("System.String", StringComparison.Ordinal));
    }

    [Fact]
    public void Repository_list_parses_without_problems_and_without_duplicates()
    {
        var list = AllowList.Parse(GuardHarness.AllowListText);
        Assert.Empty(list.Problems);

        var entries = File.ReadLines(GuardHarness.AllowListPath)
            .Select(raw => (raw.Contains('#') ? raw[..raw.IndexOf('#')] : raw).Trim())
            .Where(line => line.Length > 0)
            .ToList();
        Assert.Equal(entries.Count, entries.Distinct(StringComparer.Ordinal).Count());
        Assert.True(entries.Count > 1000, "the pinned packages' API is listed member by member: " + entries.Count);
    }

    /// <summary>The entries the hand-written list had wrong (issue 14): each must be absent, with the real one present.</summary>
    [Theory]
    [InlineData("System.IO.Ports.Parity", "Mark", "None")]
    [InlineData("System.IO.Ports.Parity", "Space", "Even")]
    [InlineData("System.IO.Ports.StopBits", "None", "One")]
    [InlineData("System.Collections.Hashtable", "ContainsKey(object)", "Contains(object)")]
    [InlineData("System.Text.Encoding", "GetString(byte[])", "GetString(byte[], int, int)")]
    [InlineData("System.Text.StringBuilder", "Insert(int, char)", "Insert(int, string, int)")]
    [InlineData("System.Math", "Max(long, long)", "Max(double, double)")]
    [InlineData("System.Math", "Abs(long)", "Abs(int)")]
    [InlineData("System.Device.Gpio.PinValue", "op_LogicalNot(PinValue)", "op_Equality(PinValue, PinValue)")]
    public void Repository_list_has_the_device_member_and_not_the_desktop_one(string type, string missing, string present)
    {
        var list = AllowList.Parse(GuardHarness.AllowListText);

        Assert.False(list.Allows(type, missing), type + "." + missing + " is not in the pinned package");
        Assert.True(list.Allows(type, present), type + "." + present + " is");
    }
}

using System.Text.RegularExpressions;
using GroundStation.NanoGuard;

namespace GroundStation.Tests.Guard;

public class AllowListTests
{
    [Fact]
    public void Parses_types_members_wildcards_and_comments()
    {
        var list = AllowList.Parse("""
            # header comment
            System.String            # a type
            System.String.Length
            System.Device.Gpio.PinMode.*
              System.Text.StringBuilder..ctor
            """);

        Assert.True(list.AllowsType("System.String"));
        Assert.True(list.AllowsMember("System.String", "Length"));
        Assert.False(list.AllowsMember("System.String", "Join"));
        Assert.True(list.AllowsType("System.Device.Gpio.PinMode"));
        Assert.True(list.AllowsMember("System.Device.Gpio.PinMode", "Output"));
        Assert.True(list.AllowsMember("System.Text.StringBuilder", ".ctor"));
        Assert.False(list.AllowsType("System.Text.StringBuilder"));
        Assert.True(list.KnowsNamespace("System.Device.Gpio"));
        Assert.True(list.KnowsNamespace("System.Text"));
        Assert.False(list.KnowsNamespace("System.Linq"));
        Assert.Equal(4, list.Count);
    }

    [Fact]
    public void Overload_entries_allow_only_the_listed_parameter_lists()
    {
        var list = AllowList.Parse("System.Threading.Interlocked.Increment(ref int)\n");

        Assert.True(list.AllowsMember("System.Threading.Interlocked", "Increment", () => "ref int"));
        Assert.False(list.AllowsMember("System.Threading.Interlocked", "Increment", () => "ref long"));
        Assert.False(list.AllowsMember("System.Threading.Interlocked", "Increment"));
        Assert.True(list.KnowsNamespace("System.Threading"));

        var ctor = AllowList.Parse("System.IO.FileStream..ctor(string, FileMode, FileAccess)\n");
        Assert.True(ctor.AllowsMember("System.IO.FileStream", ".ctor", () => "string, FileMode, FileAccess"));
        Assert.False(ctor.AllowsMember("System.IO.FileStream", ".ctor", () => "string, FileMode"));
    }

    [Fact]
    public void Repository_list_states_the_package_versions_it_reflects()
    {
        var header = string.Join('\n', File.ReadLines(GuardHarness.AllowListPath).TakeWhile(l => l.StartsWith('#')));

        foreach (var package in new[]
        {
            "nanoFramework.CoreLibrary            1.17.11", "nanoFramework.System.Device.Gpio     1.1.62",
            "nanoFramework.System.Device.Spi      1.3.89", "nanoFramework.Hardware.Esp32         1.6.40",
            "nanoFramework.System.IO.Ports        1.1.139", "nanoFramework.Runtime.Events         1.11.37",
            "nanoFramework.Runtime.Native         1.7.11", "nanoFramework.System.Collections     1.5.75",
            "nanoFramework.System.Text            1.3.42", "nanoFramework.TestFramework          3.0.80",
        })
        {
            Assert.Contains(package, header, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Repository_list_entries_are_well_formed_and_unique()
    {
        var entry = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.\*|(\.\.ctor|\.this\[\])?(\([A-Za-z0-9_\[\], ]*\))?)$");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(GuardHarness.AllowListPath))
        {
            var line = (raw.Contains('#') ? raw[..raw.IndexOf('#')] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            Assert.Matches(entry, line);
            Assert.True(seen.Add(line), "duplicate entry " + line);
        }

        Assert.True(seen.Count > 400, "the list covers the firmware's needs: " + seen.Count);
    }

    [Theory]
    [InlineData("System.String.Join")]
    [InlineData("System.Environment.TickCount")]
    [InlineData("System.Threading.Thread.Name")]
    [InlineData("System.Enum.GetValues")]
    [InlineData("System.Diagnostics.Stopwatch")]
    [InlineData("System.Collections.Generic.List")]
    public void Repository_list_leaves_out_what_stable_nanoFramework_lacks(string entry)
    {
        var list = AllowList.Parse(GuardHarness.AllowListText);
        var dot = entry.LastIndexOf('.');

        Assert.False(list.AllowsType(entry));
        Assert.False(list.AllowsMember(entry[..dot], entry[(dot + 1)..]));
    }
}

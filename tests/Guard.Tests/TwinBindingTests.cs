namespace GroundStation.Tests.Guard;

/// <summary>
/// Same source, same meaning: in the device-core build (against the real mscorlib) every call is also bound against
/// the desktop, and a line whose argument the two targets convert differently fails (NANO024).
/// </summary>
public class TwinBindingTests
{
    [Fact]
    public void A_call_the_device_binds_to_another_overload_fails()
    {
        // mscorlib 1.17.11 has Convert.ToChar(ushort) only: the byte is widened to ushort there, not on the desktop.
        const string source = """
            class Device
            {
                /*!*/ char Letter(byte code) { return System.Convert.ToChar(code); }
            }
            """;

        var diagnostics = GuardHarness.AnalyzeAgainstDeviceCoreLibrary(source);

        var hit = Assert.Single(diagnostics, d => d.Id == "NANO024");
        Assert.Equal(GuardHarness.MarkedLine(source), hit.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("System.Convert.ToChar(ushort)", hit.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("System.Convert.ToChar(byte)", hit.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("argument 1 becomes ushort on the device, byte on the desktop", hit.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Overloads_that_reach_the_same_types_pass()
    {
        // string.Format(string, object) on the desktop, Format(string, params object[]) on the device: the argument
        // is boxed to object on both. Convert.ToChar(ushort) called with a ushort binds the same member.
        var diagnostics = GuardHarness.AnalyzeAgainstDeviceCoreLibrary("""
            class Device
            {
                string Show(int v) { return string.Format("{0}", v); }
                char Letter(ushort code) { return System.Convert.ToChar(code); }
                string Pad(string s) { return s.PadRight(4); }
            }
            """);

        Assert.True(diagnostics.IsEmpty, GuardHarness.Describe(diagnostics));
    }
}

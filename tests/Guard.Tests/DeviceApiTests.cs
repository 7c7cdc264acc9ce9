namespace GroundStation.Tests.Guard;

/// <summary>
/// The guard judges library members against the device's real API: nanoFramework's mscorlib 1.17.11 read from the
/// package, and the allow-list for the other packages. Each sample compiles on the desktop and names a member the
/// hand-written list used to let through (issue 14); the guard must stop it on the marked line.
/// </summary>
public class DeviceApiTests
{
    public static TheoryData<string, string, string> Samples => new()
    {
        // ---- members mscorlib 1.17.11 does not have at all (NANO014) ----------------------------------------
        { "NANO014", "System.Int32.CompareTo(int)", """
            class Device { int Order() { /*!*/ return 5.CompareTo(3); } }
            """ },
        { "NANO014", "System.UInt64.CompareTo(ulong)", """
            class Device { int Order(ulong a) { /*!*/ return a.CompareTo(3UL); } }
            """ },
        { "NANO014", "System.DateTime.IsLeapYear(int)", """
            class Device { bool Leap(int y) { /*!*/ return System.DateTime.IsLeapYear(y); } }
            """ },
        { "NANO014", "System.ArrayTypeMismatchException", """
            class Device { void Fail() { /*!*/ throw new System.ArrayTypeMismatchException(); } }
            """ },
        { "NANO014", "System.DateTimeKind.Unspecified", """
            class Device { System.DateTimeKind Kind() { /*!*/ return System.DateTimeKind.Unspecified; } }
            """ },
        { "NANO014", "System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining", """
            using System.Runtime.CompilerServices;
            class Device
            {
                /*!*/ [MethodImpl(MethodImplOptions.AggressiveInlining)]
                int Fast() { return 1; }
            }
            """ },
        { "NANO014", "System.AttributeTargets.GenericParameter", """
            /*!*/ [System.AttributeUsage(System.AttributeTargets.GenericParameter)]
            class MarkAttribute : System.Attribute { }
            """ },
        { "NANO014", "System.ObsoleteAttribute.DiagnosticId", """
            class Device
            {
                /*!*/ [System.Obsolete("old", DiagnosticId = "GS0001")]
                void Old() { }
            }
            """ },
        // ---- members of the other packages the list had wrong ------------------------------------------------
        { "NANO014", "System.IO.Ports.Parity.Mark", """
            class Device { System.IO.Ports.Parity P() { /*!*/ return System.IO.Ports.Parity.Mark; } }
            """ },
        { "NANO014", "System.IO.Ports.StopBits.None", """
            class Device { System.IO.Ports.StopBits S() { /*!*/ return System.IO.Ports.StopBits.None; } }
            """ },
        { "NANO014", "System.Device.Gpio.PinValue.op_LogicalNot(PinValue)", """
            using System.Device.Gpio;
            class Device { PinValue Flip(PinValue v) { /*!*/ return !v; } }
            """ },
        // ---- an overload the device lacks: same source, other meaning (NANO019) ------------------------------
        { "NANO019", "System.Random.Next(int, int)", """
            class Device { int Roll(System.Random r) { /*!*/ return r.Next(1, 6); } }
            """ },
        { "NANO019", "System.TimeSpan.FromMilliseconds(double)", """
            class Device { System.TimeSpan Half() { /*!*/ return System.TimeSpan.FromMilliseconds(0.5); } }
            """ },
        { "NANO019", "System.Threading.WaitHandle.WaitOne(int)", """
            class Device { bool Wait(System.Threading.AutoResetEvent e) { /*!*/ return e.WaitOne(5); } }
            """ },
        { "NANO019", "System.Collections.ArrayList..ctor(int)", """
            class Device { object Make() { /*!*/ return new System.Collections.ArrayList(16); } }
            """ },
        { "NANO019", "System.PlatformNotSupportedException..ctor(string)", """
            class Device { void Fail() { /*!*/ throw new System.PlatformNotSupportedException("no"); } }
            """ },
        { "NANO019", "System.ArgumentOutOfRangeException..ctor(string, object, string)", """
            class Device { void Fail(int v) { /*!*/ throw new System.ArgumentOutOfRangeException("v", v, "too big"); } }
            """ },
        { "NANO019", "System.Diagnostics.Debug.WriteLine(string, params object[])", """
            class Device { void Log(int v) { /*!*/ System.Diagnostics.Debug.WriteLine("{0}", v); } }
            """ },
        { "NANO019", "System.TimeSpan.ToString(string)", """
            class Device { string Show(System.TimeSpan t) { /*!*/ return t.ToString("c"); } }
            """ },
        { "NANO019", "Max(double, double)", """
            class Device { long Larger(long a, long b) { /*!*/ return System.Math.Max(a, b); } }
            """ },
        { "NANO019", "Abs(double)", """
            class Device { long Size(long a) { /*!*/ return System.Math.Abs(a); } }
            """ },
        { "NANO019", "System.Math.Round(double, int)", """
            class Device { double R(double a) { /*!*/ return System.Math.Round(a, 1); } }
            """ },
        { "NANO019", "System.Text.Encoding.GetString(byte[])", """
            class Device { string Text(byte[] b) { /*!*/ return System.Text.Encoding.UTF8.GetString(b); } }
            """ },
        { "NANO019", "System.Text.StringBuilder.Insert(int, char)", """
            class Device { void Put(System.Text.StringBuilder s) { /*!*/ s.Insert(0, 'x'); } }
            """ },
        { "NANO014", "System.Collections.Hashtable.ContainsKey(object)", """
            class Device { bool Has(System.Collections.Hashtable h) { /*!*/ return h.ContainsKey("k"); } }
            """ },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Guard_stops_a_member_the_device_lacks(string id, string member, string source)
    {
        var diagnostics = GuardHarness.Analyze(source);
        var line = GuardHarness.MarkedLine(source);

        Assert.True(diagnostics.Any(d => d.Id == id && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line
                && d.GetMessage().Contains(member, StringComparison.Ordinal)),
            $"expected {id} naming \"{member}\" on line {line}; got:{Environment.NewLine}{GuardHarness.Describe(diagnostics)}");
    }

    [Fact]
    public void Calls_the_device_binds_the_same_way_pass()
    {
        // Desktop overloads the device spells differently but means the same: an optional parameter
        // (PadRight(int, char = ' ')), a params array (TrimStart(params char[])), an inherited member found
        // where the device declares it (AutoResetEvent.Set, ICollection's inherited IEnumerable.GetEnumerator),
        // mscorlib's own SpanByte conversion (spi.Write).
        var diagnostics = GuardHarness.Analyze("""
            class Device
            {
                string Pad(string s) { return s.PadRight(8).TrimStart('0'); }
                void Wake(System.Threading.AutoResetEvent e) { e.Set(); e.WaitOne(); }
                void Send(System.Device.Spi.SpiDevice spi, byte[] b) { spi.Write(b); }
                object Port() { return new System.IO.Ports.SerialPort("COM2", 921600); }
                System.Device.Spi.SpiConnectionSettings Bus() { return new System.Device.Spi.SpiConnectionSettings(1, 5) { Mode = System.Device.Spi.SpiMode.Mode1 }; }
                System.Collections.IEnumerator Items(System.Collections.ICollection c) { return c.GetEnumerator(); }
            }
            """);

        Assert.True(diagnostics.IsEmpty, GuardHarness.Describe(diagnostics));
    }

    [Fact]
    public void A_property_the_device_can_only_read_cannot_be_written()
    {
        const string source = """
            class Device
            {
                void Rename(System.IO.Ports.SerialPort port) { /*!*/ port.PortName = "COM3"; }
            }
            """;
        var diagnostics = GuardHarness.Analyze(source);

        Assert.Contains(diagnostics, d => d.Id == "NANO014" && d.GetMessage().Contains("System.IO.Ports.SerialPort.PortName (written)", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_real_mscorlib_the_guard_refuses_to_judge()
    {
        var diagnostics = GuardHarness.Analyze("class Device { }", coreLibrary: "/nonexistent/mscorlib.dll");

        var hit = Assert.Single(diagnostics);
        Assert.Equal("NANO000", hit.Id);
        Assert.Contains("mscorlib", hit.GetMessage(), StringComparison.Ordinal);
    }
}

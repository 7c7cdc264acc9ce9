using Microsoft.CodeAnalysis.CSharp;

namespace GroundStation.Tests.Guard;

/// <summary>
/// One sample per construct the stable nanoFramework toolchain rejects. Each sample compiles on the desktop; the
/// guard must report the expected id on the line marked /*!*/ with a message naming the construct.
/// </summary>
public class ForbiddenConstructTests
{
    public static TheoryData<string, string, string> Samples => new()
    {
        // ---- NANO001 generics -------------------------------------------------------------------------------
        { "NANO001", "List<T>", """
            class Device
            {
                /*!*/ System.Collections.Generic.List<int> items = null;
            }
            """ },
        { "NANO001", "Box<T>", """
            /*!*/ class Box<T> { }
            """ },
        { "NANO001", "Echo<T>", """
            class Device
            {
                /*!*/ static T Echo<T>(T value) { return value; }
            }
            """ },
        { "NANO001", "Action<T>", """
            class Device
            {
                /*!*/ System.Action<int> callback = null;
            }
            """ },
        { "NANO001", "Dictionary<TKey, TValue>", """
            using System.Collections.Generic;
            class Device
            {
                /*!*/ object table = new Dictionary<string, int>();
            }
            """ },
        { "NANO001", "Array.Resize<T>", """
            class Device
            {
                void Grow(byte[] buffer)
                {
                    /*!*/ System.Array.Resize(ref buffer, 10);
                }
            }
            """ },
        { "NANO001", "EventHandler<TEventArgs>", """
            class Device
            {
                /*!*/ public event System.EventHandler<System.EventArgs> Changed;
            }
            """ },
        // ---- NANO002 LINQ ----------------------------------------------------------------------------------
        { "NANO002", "query expression", """
            using System.Linq;
            class Device
            {
                object Evens(int[] values)
                {
                    return /*!*/ from v in values where v % 2 == 0 select v;
                }
            }
            """ },
        { "NANO002", "Where", """
            using System.Linq;
            class Device
            {
                object Positive(int[] values)
                {
                    /*!*/ return values.Where(v => v > 0);
                }
            }
            """ },
        { "NANO002", "using System.Linq", """
            /*!*/ using System.Linq;
            class Device { }
            """ },
        // ---- NANO003 async/await ---------------------------------------------------------------------------
        { "NANO003", "async method 'Run'", """
            class Device
            {
                /*!*/ async void Run() { }
            }
            """ },
        { "NANO003", "await", """
            class Device
            {
                async void Run(System.Threading.Tasks.Task pending)
                {
                    /*!*/ await pending;
                }
            }
            """ },
        { "NANO003", "Task<TResult>", """
            class Device
            {
                /*!*/ System.Threading.Tasks.Task<int> pending = null;
            }
            """ },
        // ---- NANO004 records -------------------------------------------------------------------------------
        { "NANO004", "record 'Reading'", """
            /*!*/ record Reading(int Value);
            namespace System.Runtime.CompilerServices { class IsExternalInit { } }
            """ },
        // ---- NANO005 tuples --------------------------------------------------------------------------------
        { "NANO005", "tuple type '(int, int)'", """
            class Device
            {
                /*!*/ (int, int) MinMax() { return (0, 1); }
            }
            """ },
        { "NANO005", "tuple literal", """
            class Device
            {
                object Pair()
                {
                    /*!*/ return (1, 2);
                }
            }
            """ },
        { "NANO005", "deconstruction", """
            class Device
            {
                void Swap(int a, int b)
                {
                    /*!*/ (a, b) = (b, a);
                }
            }
            """ },
        { "NANO005", "deconstruction '(x, y)'", """
            class Device
            {
                void Split(System.Collections.Generic.KeyValuePair<int, int> pair)
                {
                    /*!*/ var (x, y) = pair;
                }
            }
            """ },
        // ---- NANO006 nullable value types ------------------------------------------------------------------
        { "NANO006", "nullable value type 'int?'", """
            class Device
            {
                /*!*/ int? lastReading;
            }
            """ },
        { "NANO006", "nullable value type 'long?'", """
            class Device
            {
                /*!*/ System.Nullable<long> lastReading;
            }
            """ },
        // ---- NANO007 multi-dimensional arrays --------------------------------------------------------------
        { "NANO007", "multi-dimensional array 'int[,]'", """
            class Device
            {
                /*!*/ int[,] matrix;
            }
            """ },
        { "NANO007", "multi-dimensional array 'byte[2, 3]'", """
            class Device
            {
                object Make()
                {
                    /*!*/ return new byte[2, 3];
                }
            }
            """ },
        // ---- NANO008 Span and stackalloc -------------------------------------------------------------------
        { "NANO008", "'stackalloc'", """
            class Device
            {
                int Sum()
                {
                    /*!*/ System.Span<byte> scratch = stackalloc byte[8];
                    return scratch.Length;
                }
            }
            """ },
        { "NANO008", "'Span<T>'", """
            class Device
            {
                void Fill(byte[] buffer)
                {
                    /*!*/ System.Span<byte> view = buffer;
                    view.Clear();
                }
            }
            """ },
        { "NANO008", "ReadOnlySpan<T>", """
            class Device
            {
                /*!*/ int Count(System.ReadOnlySpan<byte> data) { return data.Length; }
            }
            """ },
        { "NANO001", "AsSpan<T>", """
            using System;
            class Device
            {
                int Length(byte[] buffer)
                {
                    /*!*/ return buffer.AsSpan(1).Length;
                }
            }
            """ },
        // ---- NANO009 init ----------------------------------------------------------------------------------
        { "NANO009", "'init' accessor", """
            class Settings
            {
                /*!*/ public int BaudRate { get; init; }
            }
            namespace System.Runtime.CompilerServices { class IsExternalInit { } }
            """ },
        // ---- NANO010 dynamic -------------------------------------------------------------------------------
        { "NANO010", "'dynamic'", """
            class Device
            {
                /*!*/ dynamic anything;
            }
            """ },
        // ---- NANO011 unsafe --------------------------------------------------------------------------------
        { "NANO011", "'unsafe' modifier on 'Peek'", """
            class Device
            {
                /*!*/ unsafe int Peek(int* p) { return *p; }
            }
            """ },
        { "NANO011", "'fixed' statement", """
            class Device
            {
                unsafe void Zero(byte[] buffer)
                {
                    /*!*/ fixed (byte* p = buffer) { p[0] = 0; }
                }
            }
            """ },
        { "NANO011", "native-sized integer 'nint'", """
            class Device
            {
                /*!*/ nint handle;
            }
            """ },
        // ---- NANO013 interface implementations -------------------------------------------------------------
        { "NANO013", "default interface method 'Describe'", """
            interface ISensor
            {
                int Read();
                /*!*/ string Describe() { return "sensor"; }
            }
            """ },
        // ---- NANO014 API outside the allow-list ------------------------------------------------------------
        { "NANO014", "System.String.Join", """
            class Device
            {
                string Names(string[] names)
                {
                    /*!*/ return string.Join(",", names);
                }
            }
            """ },
        { "NANO014", "System.Environment.TickCount", """
            class Device
            {
                /*!*/ int Now() { return System.Environment.TickCount; }
            }
            """ },
        { "NANO019", "System.Threading.Interlocked.Increment(ref long)", """
            class Device
            {
                long counter;
                /*!*/ void Count() { System.Threading.Interlocked.Increment(ref counter); }
            }
            """ },
        { "NANO014", "System.Diagnostics.Stopwatch", """
            class Device
            {
                /*!*/ System.Diagnostics.Stopwatch watch;
            }
            """ },
        { "NANO014", "System.Enum.GetValues", """
            enum Mode { A, B }
            class Device
            {
                /*!*/ int Count() { return System.Enum.GetValues(typeof(Mode)).Length; }
            }
            """ },
        { "NANO014", "System.StringComparison", """
            class Device
            {
                /*!*/ bool Same(string a, string b) { return a.Equals(b, System.StringComparison.OrdinalIgnoreCase); }
            }
            """ },
        { "NANO014", "System.Device.Gpio.GpioController.Toggle", """
            class Device
            {
                /*!*/ void Blink(System.Device.Gpio.GpioController gpio) { gpio.Toggle(2); }
            }
            """ },
        { "NANO014", "System.IO.Ports.SerialPort.DiscardInBuffer", """
            class Device
            {
                /*!*/ void Flush(System.IO.Ports.SerialPort port) { port.DiscardInBuffer(); }
            }
            """ },
        { "NANO014", "namespace System.Net.Http", """
            /*!*/ using System.Net.Http;
            class Device { }
            """ },
        // ---- NANO015 iterators -----------------------------------------------------------------------------
        { "NANO015", "iterator ('yield')", """
            class Device
            {
                System.Collections.IEnumerable Numbers()
                {
                    /*!*/ yield return 1;
                }
            }
            """ },
        // ---- NANO016 index and range -----------------------------------------------------------------------
        { "NANO016", "index from end '^1'", """
            class Device
            {
                /*!*/ byte Last(byte[] data) { return data[^1]; }
            }
            """ },
        // ---- NANO017 covariant returns ---------------------------------------------------------------------
        { "NANO017", "covariant return type on override 'Clone'", """
            class Reading { public virtual object Clone() { return this; } }
            class Photon : Reading
            {
                /*!*/ public override Photon Clone() { return this; }
            }
            """ },
        // ---- NANO020 compiler-required types mscorlib 1.17.11 lacks ---------------------------------------
        { "NANO020", "'volatile' field 'stop'", """
            class Device
            {
                /*!*/ private volatile bool stop;
                public void Stop() { stop = true; }
            }
            """ },
        { "NANO020", "'in' parameter 'sample'", """
            struct Sample { public long Ps; }
            class Device
            {
                /*!*/ public virtual long Read(in Sample sample) { return sample.Ps; }
            }
            """ },
        { "NANO020", "'ref readonly'", """
            class Device
            {
                private long last;
                /*!*/ public ref readonly long Last() { return ref last; }
            }
            """ },
        { "NANO020", "'decimal'", """
            class Device
            {
                /*!*/ decimal price;
            }
            """ },
        // ---- NANO021 same-width signed/unsigned casts (the interpreter keeps the old type tag) -------------
        { "NANO021", "cast '(long)quotient' reinterprets a ulong as long", """
            class Device
            {
                long Negated(ulong x)
                {
                    ulong quotient = x >> 1;
                    /*!*/ return -(long)quotient;
                }
            }
            """ },
        { "NANO021", "cast '(int)(seq - next)' reinterprets a uint as int", """
            class Device
            {
                /*!*/ int Distance(uint seq, uint next) { return (int)(seq - next); }
            }
            """ },
        { "NANO021", "cast '(ulong)slot' reinterprets a long as ulong", """
            class Device
            {
                /*!*/ ulong Wire(long slot) { return (ulong)slot; }
            }
            """ },
        // ---- NANO022 a zero-extended value where its unsigned tag leaks ------------------------------------
        { "NANO022", "it is the left operand of '-'", """
            class Device
            {
                /*!*/ long Gap(uint count, long expected) { return ((long)count - expected) >> 1; }
            }
            """ },
        { "NANO022", "it initialises a local", """
            class Device
            {
                long Half(uint count)
                {
                    /*!*/ long wide = count;
                    return wide >> 1;
                }
            }
            """ },
        { "NANO022", "it is passed as an argument", """
            class Device
            {
                long Twice(long v) { return v * 2; }
                /*!*/ long Use(byte b) { return Twice(b); }
            }
            """ },
        { "NANO022", "it is returned", """
            class Device
            {
                /*!*/ long Widen(ushort v) { return v; }
            }
            """ },
        // ---- NANO023 checked arithmetic (the interpreter never throws OverflowException) --------------------
        { "NANO023", "'checked'", """
            class Device
            {
                /*!*/ int Sum(int a, int b) { return checked(a + b); }
            }
            """ },
        { "NANO023", "'checked'", """
            class Device
            {
                int Sum(int a, int b)
                {
                    /*!*/ checked { return a + b; }
                }
            }
            """ },
        // ---- NANO018 numeric format strings ----------------------------------------------------------------
        { "NANO018", "custom numeric format string '0.00'", """
            class Device
            {
                /*!*/ string Show(double v) { return $"{v:0.00}"; }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Guard_reports_the_construct_on_its_line(string id, string construct, string source)
    {
        var diagnostics = GuardHarness.Analyze(source);
        var line = GuardHarness.MarkedLine(source);

        var hit = diagnostics.FirstOrDefault(d => d.Id == id && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line
            && d.GetMessage().Contains(construct, StringComparison.Ordinal));
        Assert.True(hit != null, $"expected {id} naming \"{construct}\" on line {line}; got:{Environment.NewLine}{GuardHarness.Describe(diagnostics)}");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, hit.Severity);
        Assert.Equal("/src/firmware/Device.cs", hit.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Language_version_above_CSharp9_is_reported_once_per_file()
    {
        const string source = "class Device { }\n";
        var diagnostics = GuardHarness.Analyze(source, LanguageVersion.CSharp10);

        var hit = Assert.Single(diagnostics);
        Assert.Equal("NANO012", hit.Id);
        Assert.Contains("C# 10.0", hit.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Static_abstract_interface_member_is_reported()
    {
        const string source = """
            interface IParser
            {
                /*!*/ static abstract int Parse(string text);
            }
            """;
        var diagnostics = GuardHarness.Analyze(source, LanguageVersion.CSharp11);

        Assert.Contains(diagnostics, d => d.Id == "NANO013" && d.GetMessage().Contains("static abstract interface member 'Parse'", StringComparison.Ordinal)
            && d.Location.GetLineSpan().StartLinePosition.Line + 1 == GuardHarness.MarkedLine(source));
        Assert.Contains(diagnostics, d => d.Id == "NANO012");
    }

    [Fact]
    public void Missing_allow_list_is_an_error()
    {
        var diagnostics = GuardHarness.Analyze("class Device { }", withAllowList: false);

        var hit = Assert.Single(diagnostics);
        Assert.Equal("NANO000", hit.Id);
        Assert.Contains("nanoframework-api.txt", hit.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("is not among the AdditionalFiles", hit.GetMessage(), StringComparison.Ordinal);
    }
}

namespace GroundStation.Tests.Guard;

/// <summary>Realistic device code written in the nanoFramework subset must not trip the guard.</summary>
public class CleanDeviceCodeTests
{
    private const string Driver = """
        using System;
        using System.Collections;
        using System.Diagnostics;
        using System.Text;
        using System.Threading;

        namespace GroundStation.Firmware.Drivers
        {
            public delegate void PhotonHandler(object sender, PhotonEventArgs e);

            public sealed class PhotonEventArgs : EventArgs
            {
                public PhotonEventArgs(int channel, long picoseconds) { Channel = channel; Picoseconds = picoseconds; }
                public int Channel { get; }
                public long Picoseconds { get; }
            }

            [Flags]
            public enum TaggerStatus { None = 0, Overflow = 1, Locked = 2 }

            public struct Detection
            {
                public int Channel;
                public long TimestampPicoseconds;
            }

            public interface IBus { void Transfer(byte[] write, byte[] read, int count); }

            public sealed class TaggerDriver : IDisposable
            {
                private const int FrameBytes = 8;
                private readonly IBus bus;
                private readonly byte[] tx = new byte[FrameBytes];
                private readonly byte[] rx = new byte[FrameBytes];
                private readonly Detection[] ring = new Detection[64];
                private readonly object sync = new object();
                private readonly ArrayList listeners = new ArrayList();
                private readonly Hashtable registers = new Hashtable();
                private readonly AutoResetEvent dataReady = new AutoResetEvent(false);
                private Timer poll;
                private int head;
                private int dropped;

                public event PhotonHandler Photon;

                public TaggerDriver(IBus bus)
                {
                    this.bus = bus ?? throw new ArgumentNullException("bus");
                    poll = new Timer(OnPoll, null, 0, 10);
                }

                public TaggerStatus Status { get; private set; }

                public int Dropped => dropped;

                public long ReadTimestamp()
                {
                    Array.Clear(tx, 0, tx.Length);
                    tx[0] = 0x8F;
                    bus.Transfer(tx, rx, FrameBytes);
                    var raw = BitConverter.ToInt64(rx, 0) & 0x00FFFFFFFFFFFFFF;
                    if ((rx[7] & 0x80) != 0)
                    {
                        Status |= TaggerStatus.Overflow;
                        Interlocked.Increment(ref dropped);
                    }

                    return raw * 27;
                }

                public void Record(int channel, long picoseconds)
                {
                    lock (sync)
                    {
                        ring[head].Channel = channel;
                        ring[head].TimestampPicoseconds = picoseconds;
                        head = (head + 1) % ring.Length;
                    }

                    Photon?.Invoke(this, new PhotonEventArgs(channel, picoseconds));
                    dataReady.Set();
                }

                public string Describe()
                {
                    var text = new StringBuilder();
                    text.Append("tagger ").Append(head.ToString()).Append(" dropped=").Append(dropped);
                    foreach (var listener in listeners)
                    {
                        text.Append(listener.ToString());
                    }

                    var hex = BitConverter.ToString(rx, 0, 4);
                    var bytes = Encoding.UTF8.GetBytes(hex);
                    var index = Array.IndexOf(rx, (byte)0x80);
                    return $"{text} {bytes.Length} {index} {dropped:D4} {Environment.TickCount64} {TimeSpan.FromMilliseconds(5).Ticks}";
                }

                public void Configure(string line)
                {
                    var parts = line.Split(',');
                    if (parts.Length != 2 || !int.TryParse(parts[1], out var value))
                    {
                        throw new FormatException("bad register line: " + line);
                    }

                    registers[parts[0].Trim().ToUpper()] = value;
                    Debug.WriteLine("register " + parts[0] + " = " + value.ToString("X4"));
                    switch (parts[0])
                    {
                        case "gate": Status = TaggerStatus.Locked; break;
                        default: break;
                    }
                }

                private void OnPoll(object state)
                {
                    if (dataReady.WaitOne(0, false))
                    {
                        Thread.Sleep(1);
                    }
                }

                public void Dispose()
                {
                    poll?.Dispose();
                    poll = null;
                }
            }
        }
        """;

    // A shared ESP32 adapter as boards/esp32-common writes it: the desktop build compiles it against the desktop
    // System.Device.* packages, the device build against nanoFramework's. byte[] calls must pass.
    private const string Adapters = """
        using System;
        using System.Device.Gpio;
        using System.Device.Spi;
        using System.IO.Ports;

        namespace GroundStation.Boards.Esp32
        {
            public sealed class SpiAdapter : IDisposable
            {
                private readonly SpiDevice device;

                public SpiAdapter(int bus, int chipSelect)
                {
                    device = SpiDevice.Create(new SpiConnectionSettings(bus, chipSelect)
                    {
                        ClockFrequency = 10_000_000,
                        Mode = SpiMode.Mode1,
                        DataBitLength = 8,
                        DataFlow = DataFlow.MsbFirst,
                    });
                }

                public void Transfer(byte[] write, byte[] read)
                {
                    device.TransferFullDuplex(write, read);
                    device.Write(write);
                    device.Read(read);
                }

                public void Dispose() { device.Dispose(); }
            }

            public sealed class Inputs : IDisposable
            {
                private readonly GpioController gpio = new GpioController();
                private readonly GpioPin gate;

                public Inputs(int interruptPin, int gatePin)
                {
                    gpio.OpenPin(interruptPin, PinMode.InputPullUp);
                    gate = gpio.OpenPin(gatePin, PinMode.Output);
                    gate.Write(PinValue.Low);
                    gpio.RegisterCallbackForPinValueChangedEvent(interruptPin, PinEventTypes.Falling, OnEdge);
                }

                public int Edges { get; private set; }

                public bool GateOpen => gate.Read() == PinValue.High;

                private void OnEdge(object sender, PinValueChangedEventArgs e)
                {
                    if (e.ChangeType == PinEventTypes.Falling)
                    {
                        Edges++;
                    }
                }

                public void Dispose() { gpio.Dispose(); }
            }

            public sealed class HostLink : IDisposable
            {
                private readonly SerialPort port = new SerialPort("COM2", 115200);

                public HostLink()
                {
                    port.ReadTimeout = 50;
                    port.Open();
                    port.DataReceived += (s, e) => { };
                }

                public int Read(byte[] buffer) => port.BytesToRead > 0 ? port.Read(buffer, 0, buffer.Length) : 0;

                public void Write(byte[] buffer, int count) { port.Write(buffer, 0, count); }

                public void Dispose() { port.Close(); port.Dispose(); }
            }
        }
        """;

    [Fact]
    public void Driver_written_in_the_subset_is_quiet()
    {
        var diagnostics = GuardHarness.Analyze(Driver);

        Assert.True(diagnostics.IsEmpty, GuardHarness.Describe(diagnostics));
    }

    [Fact]
    public void Shared_hardware_adapters_calling_with_byte_arrays_are_quiet()
    {
        var diagnostics = GuardHarness.Analyze(Adapters);

        Assert.True(diagnostics.IsEmpty, GuardHarness.Describe(diagnostics));
    }

    [Fact]
    public void Widening_where_the_interpreter_cannot_leak_the_unsigned_tag_is_quiet()
    {
        // Right operand (the result takes the left one's tag), comparison, store into a field or array element,
        // another conversion, a constant, a byte via int (conv.i8), and the audited helper itself.
        const string source = """
            namespace GroundStation.Hal
            {
                public static class Reinterpret
                {
                    public static long AsInt64(ulong bits) { return long.MinValue ^ (long)(bits ^ 0x8000000000000000UL); }
                }
            }
            namespace GroundStation.Firmware
            {
                class Counts
                {
                    private long total;
                    private readonly long[] history = new long[4];
                    private long lsb;

                    public long Add(uint clicks, byte flags, long start)
                    {
                        total += clicks;
                        history[flags & 3] = clicks;
                        lsb = clicks;
                        long offset = start + clicks;
                        bool big = clicks > start;
                        double rate = (double)(long)clicks;
                        long fromByte = (long)(int)flags << 40;
                        const uint Limit = 0xFFFFFFFFu;
                        long maxed = Limit;
                        int small = (ushort)clicks;
                        return big ? offset + fromByte + maxed + small + (long)rate : offset;
                    }
                }
            }
            """;

        var diagnostics = GuardHarness.Analyze(source);

        Assert.True(diagnostics.IsEmpty, GuardHarness.Describe(diagnostics));
    }

    [Fact]
    public void Own_types_of_the_firmware_need_no_allow_list_entry()
    {
        const string source = """
            namespace GroundStation.Protocol
            {
                public interface IFrameSink { void Accept(byte[] frame, int length); }
                public sealed class Framer
                {
                    private readonly IFrameSink sink;
                    public Framer(IFrameSink sink) { this.sink = sink; }
                    public void Emit(byte[] frame) { sink.Accept(frame, frame.Length); }
                }
            }
            """;

        Assert.Empty(GuardHarness.Analyze(source));
    }

    [Fact]
    public void Odd_and_broken_code_does_not_crash_the_guard()
    {
        const string source = """
            class Broken
            {
                void M() { var x = ; Undefined.Call(; int[] a = new int[] { 1, 2 }; a[0]++; }
                int P => throw null;
                static Broken operator +(Broken a, Broken b) => a;
                void N() { var b = new Broken() + new Broken(); M(); System.Action a = N; a(); }
            }
            """;

        var diagnostics = GuardHarness.Analyze(source, expectCompileErrors: true);

        Assert.DoesNotContain(diagnostics, d => d.Id == "NANO014");
    }
}

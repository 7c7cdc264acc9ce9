using GroundStation.Host.Link;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;
using GroundStation.Tests.Protocol.Support;

namespace GroundStation.Tests.Protocol;

public class LinkTests
{
    private const MessageType SiftedBlock = (MessageType)0x42;

    [Fact]
    public void Handshake_returns_the_device_identity_and_switches_to_binary()
    {
        var rig = new LinkRig();
        Assert.Equal(LinkMode.Console, rig.Device.Mode);
        rig.Connect();
        var device = rig.Host.Device!;
        Assert.Equal(("GS-1", "1.2.3", "sim"), (device.Name, device.FirmwareVersion, device.BoardName));
        Assert.Equal((ProtocolVersion.Major, ProtocolVersion.Minor), (device.ProtocolMajor, device.ProtocolMinor));
        Assert.Equal(0xC0FFEE01u, device.SessionId);
        Assert.False(device.Resumed);
        Assert.Equal(LinkMode.Binary, rig.Device.Mode);
    }

    [Fact]
    public void A_host_with_another_major_version_is_refused_and_the_console_stays()
    {
        var rig = new LinkRig();
        var payload = new byte[HelloPayload.Length];
        new HelloPayload { Major = ProtocolVersion.Major + 1, ReceiveWindow = 4, MaxPayload = 512 }.Write(payload, 0);
        var wire = new byte[64];
        int length = new FrameWriter().Write(MessageType.Hello, 0, 0, 0, payload, 0, payload.Length, wire, 0);
        rig.Pair.B.Write(wire, 0, length);
        rig.Device.Poll();
        Assert.Equal(LinkMode.Console, rig.Device.Mode);

        var decoder = new FrameDecoder(Frame.MaxPayload);
        var bytes = new byte[4096];
        int n = rig.Pair.B.Read(bytes, 0, bytes.Length);
        Assert.Equal(1, FramingTests.Feed(decoder, bytes, n));
        var reply = new HelloReplyPayload();
        Assert.True(reply.TryRead(decoder.Buffer, decoder.PayloadOffset, decoder.PayloadLength));
        Assert.Equal(HelloReplyPayload.StatusIncompatibleMajor, reply.Status);
        Assert.Equal(ProtocolVersion.Major, reply.Major);
    }

    [Fact]
    public void Console_lines_run_commands_and_echo_what_is_typed()
    {
        var rig = new LinkRig();
        rig.Type("*IDN?\r\nFOO 1\rDET:X\b\b\b\b\x7FSYST:ERR?\n");
        rig.Device.Poll();
        var text = rig.DrainHostText();
        Assert.Contains("*IDN?\r\nQKD Lab,GS-1,SN0042,1.2.3\r\n", text);
        Assert.Contains("ERROR -113,\"Undefined header; unknown command 'FOO'", text);
        Assert.Contains("SYST:ERR?\r\n-113,\"Undefined header", text);
    }

    [Fact]
    public void Commands_from_the_host_run_on_the_console_table_and_a_retry_does_not_run_twice()
    {
        var rig = new LinkRig();
        int runs = 0;
        rig.Device.Commands.Register("CONFig:SAVE", false, 0, 0, "save", _ => runs++);
        rig.Connect();
        var replies = new List<(int Id, int Status, string Text)>();
        rig.Host.CommandReplied = (id, status, text) => replies.Add((id, status, text));

        int idn = rig.Host.SendCommand("*IDN?");
        int save = rig.Host.SendCommand("CONF:SAVE");
        rig.Host.SendCommand(save, "CONF:SAVE"); // the host did not see the reply and retries
        int bad = rig.Host.SendCommand("DET:GATE 1,ON");
        rig.Run(20_000);

        Assert.Equal((idn, 0, "QKD Lab,GS-1,SN0042,1.2.3"), replies[0]);
        Assert.Equal((save, 0, ""), replies[1]);
        Assert.Equal((save, 0, ""), replies[2]);
        Assert.Equal(bad, replies[3].Id);
        Assert.Equal(-113, replies[3].Status);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Typed_text_in_binary_mode_does_not_corrupt_the_stream_and_Bye_returns_to_console()
    {
        var rig = new LinkRig();
        rig.Connect();
        var received = new List<int>();
        rig.Host.Received = (type, buffer, offset, count) => received.Add(buffer[offset]);
        for (int i = 0; i < 10; i++)
        {
            rig.Device.SendReliable(SiftedBlock, [(byte)i, 1, 2, 3], 0, 4);
            rig.Step();
            rig.Pair.B.Write("*RST\r\n"u8.ToArray(), 0, 6); // a technician types into the session
            rig.Step();
        }

        rig.Run(50_000);
        Assert.Equal(Enumerable.Range(0, 10), received);
        Assert.Equal(LinkMode.Binary, rig.Device.Mode);

        rig.Host.Bye();
        rig.Run(5_000);
        Assert.Equal(LinkMode.Console, rig.Device.Mode);
    }

    [Fact]
    public void Silence_from_the_host_returns_the_device_to_console_and_keeps_its_data()
    {
        var rig = new LinkRig();
        rig.Connect();
        var events = new List<LinkEventKind>();
        rig.Device.LinkEvent += events.Add;
        rig.Device.SendReliable(SiftedBlock, [1], 0, 1);
        for (int i = 0; i < 20_000; i++)
        {
            rig.Device.Poll(); // the host is gone: nobody polls it
            rig.Clock.Advance(200);
        }

        Assert.Equal(LinkMode.Console, rig.Device.Mode);
        Assert.Equal([LinkEventKind.LinkLost], events);
        Assert.Equal(1, rig.Device.PendingReliable);
    }

    [Fact]
    public void A_full_buffer_refuses_data_counts_it_and_raises_one_event()
    {
        var rig = new LinkRig(new LinkSettings { SendSlots = 4, MaxPayload = 64 });
        var events = new List<LinkEventKind>();
        rig.Device.LinkEvent += events.Add;
        var block = new byte[64];
        for (int i = 0; i < 4; i++)
        {
            Assert.True(rig.Device.CanAccept(64));
            Assert.True(rig.Device.SendReliable(SiftedBlock, block, 0, 64));
        }

        Assert.False(rig.Device.CanAccept(1));
        Assert.False(rig.Device.SendReliable(SiftedBlock, block, 0, 64));
        Assert.False(rig.Device.SendReliable(SiftedBlock, block, 0, 64));
        Assert.False(rig.Device.CanAccept(65));
        Assert.Equal(2, rig.Device.RefusedMessages);
        Assert.Equal([LinkEventKind.BufferFull], events);

        rig.Connect();
        rig.Run(20_000);
        Assert.Equal(0, rig.Device.PendingReliable);
        Assert.True(rig.Device.CanAccept(64));
    }

    [Theory]
    [InlineData(1e-4, 0.0, 1)]
    [InlineData(0.0, 2e-4, 2)]
    [InlineData(3e-4, 3e-4, 3)]
    public void Noisy_link_loses_duplicates_and_reorders_nothing_both_ways(double bitErrorRate, double dropRate, int seed)
    {
        var rig = new LinkRig();
        rig.Pair.A.TransmitFault = new NoisyLine(bitErrorRate, dropRate, (ulong)seed);
        rig.Pair.B.TransmitFault = new NoisyLine(bitErrorRate, dropRate, (ulong)seed + 100);
        rig.Connect();
        var fromDevice = new List<int>();
        var toDevice = new List<int>();
        rig.Host.Received = (type, buffer, offset, count) => fromDevice.Add(BitConverter.ToInt32(buffer, offset));
        rig.Device.SetHandler((MessageType)0x43, (type, buffer, offset, count) => toDevice.Add(BitConverter.ToInt32(buffer, offset)));

        const int Blocks = 1500;
        var block = new byte[480];
        new Random(seed).NextBytes(block);
        int sent = 0, sentToDevice = 0;
        Assert.True(rig.RunUntil(() =>
        {
            while (sent < Blocks && rig.Device.CanAccept(block.Length))
            {
                BitConverter.GetBytes(sent++).CopyTo(block, 0);
                rig.Device.SendReliable(SiftedBlock, block, 0, block.Length);
            }

            if (sentToDevice < Blocks / 10 && rig.Host.SendReliable((MessageType)0x43, BitConverter.GetBytes(sentToDevice)))
            {
                sentToDevice++;
            }

            return fromDevice.Count == Blocks && toDevice.Count == Blocks / 10;
        }, 60_000_000), $"delivered {fromDevice.Count}/{Blocks} and {toDevice.Count}/{Blocks / 10}");

        Assert.Equal(Enumerable.Range(0, Blocks), fromDevice);
        Assert.Equal(Enumerable.Range(0, Blocks / 10), toDevice);
        Assert.True(rig.Host.Channel.Decoder.RejectedFrames > 0, "the noise should have hit some frames");
        Assert.True(rig.Device.Channel.Sender.Retransmissions > 0);
    }

    [Fact]
    public void A_restarted_host_resumes_from_its_last_delivered_sequence_without_loss_or_duplicates()
    {
        var rig = new LinkRig();
        rig.Connect();
        var delivered = new List<int>();
        ResumeState? saved = null;
        void Attach(HostSession host) => host.Received = (type, buffer, offset, count) =>
        {
            delivered.Add(BitConverter.ToInt32(buffer, offset));
            saved = host.ResumeState; // what a host persists with each recorded block
        };
        Attach(rig.Host);

        var block = new byte[300];
        int sent = 0;
        void Feed()
        {
            while (sent < 400 && rig.Device.CanAccept(block.Length))
            {
                BitConverter.GetBytes(sent++).CopyTo(block, 0);
                rig.Device.SendReliable(SiftedBlock, block, 0, block.Length);
            }
        }

        rig.RunUntil(() => { Feed(); return delivered.Count >= 150; }, 10_000_000);

        // The host process dies mid-stream: unacknowledged and in-flight frames are lost with it.
        var restarted = rig.NewHost();
        Attach(restarted);
        rig.Run(1_000_000);                    // the device keeps going alone for a while
        restarted.StartHandshake(saved);
        Assert.True(rig.RunUntil(() => { Feed(); return delivered.Count >= 400; }, 30_000_000));
        Assert.True(restarted.Device!.Resumed);
        Assert.Equal(Enumerable.Range(0, 400), delivered);
    }

    [Fact]
    public void A_new_host_without_saved_state_still_gets_everything_unacknowledged()
    {
        var rig = new LinkRig();
        var block = new byte[100];
        for (int i = 0; i < 10; i++)
        {
            BitConverter.GetBytes(i).CopyTo(block, 0);
            Assert.True(rig.Device.SendReliable(SiftedBlock, block, 0, block.Length)); // queued before any host came
        }

        var delivered = new List<int>();
        rig.Host.Received = (type, buffer, offset, count) => delivered.Add(BitConverter.ToInt32(buffer, offset));
        rig.Connect();
        rig.Run(50_000);
        Assert.Equal(Enumerable.Range(0, 10), delivered);
    }

    [Fact]
    public void Telemetry_gets_through_while_key_data_saturates_the_link_and_takes_a_small_share()
    {
        var rig = new LinkRig();
        rig.Connect();
        int telemetry = 0, data = 0;
        rig.Host.Received = (type, buffer, offset, count) =>
        {
            if (type == (MessageType)0x30) telemetry++;
            else data++;
        };
        var block = new byte[500];
        var status = new byte[40];
        for (int step = 0; step < 5_000; step++)
        {
            while (rig.Device.CanAccept(block.Length))
            {
                rig.Device.SendReliable(SiftedBlock, block, 0, block.Length);
            }

            rig.Device.SendTelemetry((MessageType)0x30, status, 0, status.Length);
            rig.Step();
        }

        Assert.True(telemetry > 0);
        Assert.True(data >= 8 * telemetry, $"data {data}, telemetry {telemetry}");
    }
}

/// <summary>Bit errors and dropped bytes at given rates (the hal fakes' BitErrorFault plus drops).</summary>
internal sealed class NoisyLine(double bitErrorRate, double dropRate, ulong seed) : ISerialLineFault
{
    private readonly BitErrorFault _bits = new(bitErrorRate, seed);
    private readonly Random _drops = new((int)seed);

    public int Transmit(long index, byte value)
    {
        if (dropRate > 0 && _drops.NextDouble() < dropRate)
        {
            return -1;
        }

        return _bits.Transmit(index, value);
    }
}

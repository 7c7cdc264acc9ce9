using GroundStation.Testbed.Bench;
using GroundStation.Host.Link;
using GroundStation.Protocol;
using GroundStation.Protocol.Console;
using GroundStation.Tests.Protocol.Support;

namespace GroundStation.Tests.Protocol;

/// <summary>
/// Bad input never throws, never hangs, never grows memory: random, truncated, oversized and bit-flipped frames
/// and random console lines at both parsers and at the whole device endpoint. Seeded, so failures repeat.
/// </summary>
public class FuzzTests
{
    private const int FrameCases = 200_000;
    private const int LineCases = 100_000;

    [Fact]
    public void Frame_decoder_rejects_or_accepts_every_mangled_frame_without_allocating()
    {
        var random = new Random(11);
        var writer = new FrameWriter();
        var decoder = new FrameDecoder(256);
        var wire = new byte[Frame.MaxWireLength(Frame.MaxPayload) + 64];
        var payload = new byte[Frame.MaxPayload];
        long accepted = 0, pristine = 0;
        const int casesPerWindow = 1000;
        var allocation = new AllocationByEighths();
        long windowStart = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < FrameCases; i++)
        {
            if ((i + 1) % casesPerWindow == 0)
            {
                long now = GC.GetAllocatedBytesForCurrentThread();
                allocation.Add(i / (double)FrameCases, now - windowStart, casesPerWindow);
                windowStart = now;
            }

            int kind = i % 5;
            int length;
            bool intact = false;
            if (kind == 0)
            {
                length = random.Next(1, 300);             // random bytes, some delimiters
                random.NextBytes(wire.AsSpan(0, length));
            }
            else
            {
                int size = kind == 3 ? random.Next(257, Frame.MaxPayload + 1) : random.Next(0, 257); // 3: oversized
                random.NextBytes(payload.AsSpan(0, size));
                length = writer.Write((MessageType)random.Next(256), (byte)random.Next(2), (uint)random.Next(), 0,
                    payload, 0, size, wire, 0);
                if (kind == 1)
                {
                    wire[random.Next(1, length - 1)] ^= (byte)(1 << random.Next(8)); // one flipped bit
                }
                else if (kind == 2)
                {
                    length = random.Next(1, length - 1);                         // truncated inside the body
                }
                else if (kind == 4)
                {
                    intact = true;
                }
            }

            bool good = false;
            for (int b = 0; b < length; b++)
            {
                good |= decoder.Push(wire[b]);
            }

            good |= decoder.Push(0); // whatever was cut off ends here
            if (good)
            {
                accepted++;
                if (decoder.PayloadLength > 256)
                {
                    Assert.Fail("payload larger than the decoder's limit");
                }
            }

            if (intact)
            {
                pristine++;
                if (!good)
                {
                    Assert.Fail($"case {i}: an intact frame was not accepted");
                }
            }
        }

        // Nothing per frame in any eighth; at most one runtime one-off (see AllocationByEighths) in 200 windows.
        Assert.Equal(0, allocation.SteadyStateBytesPerWork);
        Assert.InRange(allocation.WindowsThatAllocated, 0, 1);
        Assert.True(decoder.CrcErrors > 0 && decoder.MalformedFrames > 0 && decoder.OversizedFrames > 0);
        // CRC-16 lets about 1 in 65536 random bodies through; the intact ones must all pass.
        Assert.InRange(accepted - pristine, 0, FrameCases / 5000);
    }

    [Fact]
    public void Command_table_answers_every_random_line_with_a_reply_or_a_scpi_error()
    {
        var random = new Random(12);
        var table = new CommandTable(new DeviceIdentity("a", "b", "c", "d", "e"));
        table.Register("DETector:GATE", false, 2, 2, "", c =>
        {
            if (c.TryGetInt(0, 1, 4, out _) && c.TryGetBool(1, out _)) c.Reply(null!);
        });
        table.Register("CALibrate:DARK", true, 1, 1, "", c =>
        {
            if (c.TryGetFixed(0, 3, -1000, 1000, out long v)) c.Reply(v.ToString());
        });
        string[] pieces = ["DET", "DETECTOR", ":", "GATE", "?", " ", ",", "1", "9", "ON", "OFF", "\"", "CAL", "DARK",
            "*IDN", "SYST:ERR", "-", ".", "e", "\t", ";", "HELP", "*CLS", "", "\u00e9", "\0", "1.5", "99999999999"];
        long before = GC.GetTotalMemory(false);
        int replies = 0, errors = 0;
        for (int i = 0; i < LineCases; i++)
        {
            string line;
            if (i % 4 == 0)
            {
                var chars = new char[random.Next(0, 260)];
                for (int c = 0; c < chars.Length; c++) chars[c] = (char)random.Next(0, 256);
                line = new string(chars);
            }
            else
            {
                var parts = new string[random.Next(1, 10)];
                for (int p = 0; p < parts.Length; p++) parts[p] = pieces[random.Next(pieces.Length)];
                line = string.Concat(parts);
            }

            var result = table.Execute(line, i % 2 == 0);
            if (result.ErrorCode != 0)
            {
                errors++;
                Assert.True(result.ErrorCode < 0, line);
                Assert.NotEqual("Error", ScpiError.Message(result.ErrorCode));
            }
            else
            {
                replies++;
            }

            Assert.True(table.Errors.Count <= ErrorQueue.Capacity);
        }

        Assert.True(errors > LineCases / 2 && replies > 100, $"{errors} errors, {replies} accepted");
        GC.Collect();
        Assert.True(GC.GetTotalMemory(true) - before < 4_000_000, "memory grew with the number of lines");
    }

    [Fact]
    public void Device_endpoint_survives_a_random_byte_storm_in_both_modes_and_still_answers()
    {
        var random = new Random(13);
        var rig = new LinkRig();
        var writer = new FrameWriter();
        var wire = new byte[Frame.MaxWireLength(Frame.MaxPayload)];
        var payload = new byte[Frame.MaxPayload];
        var noise = new byte[64];
        for (int round = 0; round < 40_000; round++)
        {
            if (round % 3 == 0)
            {
                // Plausible frames of every type, bit-flipped or not (Hello, Command, Bye, Ack, data...).
                int size = random.Next(0, 40);
                random.NextBytes(payload.AsSpan(0, size));
                int type = random.Next(0, 20);
                if (type == 1 && size >= 1) payload[0] = (byte)ProtocolVersion.Major;
                int length = writer.Write((MessageType)type, (byte)random.Next(2), (uint)random.Next(8), (uint)random.Next(8),
                    payload, 0, size, wire, 0);
                if (random.Next(2) == 0) wire[random.Next(1, length - 1)] ^= (byte)(1 << random.Next(8));
                rig.Pair.B.Write(wire, 0, length);
            }
            else
            {
                int n = random.Next(1, noise.Length);
                random.NextBytes(noise.AsSpan(0, n));
                rig.Pair.B.Write(noise, 0, n);
            }

            rig.Device.Poll();
            rig.Clock.Advance(random.Next(0, 5000));
            if (round % 1000 == 0)
            {
                rig.Pair.B.Read(new byte[1 << 20], 0, 1 << 20); // drop what the device said
            }
        }

        // Afterwards a proper host still gets a session and answers.
        rig.Clock.Advance(5_000_000);
        rig.Device.Poll();
        rig.Pair.B.Read(new byte[1 << 20], 0, 1 << 20);
        rig.Connect();
        string? idn = null;
        rig.Host.CommandReplied = (_, _, text) => idn = text;
        rig.Host.SendCommand("*IDN?");
        rig.Run(10_000);
        Assert.Equal("QKD Lab,GS-1,SN0042,1.2.3", idn);
    }
}

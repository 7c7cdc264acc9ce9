using System.Text.Json;
using System.Text.RegularExpressions;
using GroundStation.Gsctl.Commands;
using GroundStation.Host.Keys;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

/// <summary>
/// The real-device-shaped flow, three processes as at a station: the simulation board on its pseudo-terminal (the
/// device), `gsctl peer` serving the simulated satellite of the same pass and seed (the transmitter side, another
/// process on TCP), and `gsctl record --port ... --peer ...` relaying live and post-processing with it. Both sides
/// end with the same report under the same key id; the keys are matched by the sim tests and tests/Host.Tests.
/// </summary>
public sealed class RecordWithPeerTests
{
    [Fact]
    public async Task A_live_recording_sifts_with_gsctl_peer_over_tcp_and_both_sides_report_the_same_pass()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 10 }""");
        var pools = GsctlProcess.Run("pool", "create", "--station", temp.File("st.pool"), "--transmitter", temp.File("tx.pool"), "--bytes", "131072");
        Assert.True(pools.ExitCode == 0, pools.Stderr);

        using var board = SimBoardProcess.Start(["--baud", "921600", "--seed", "4", "--pass", passFile], TimeSpan.FromSeconds(30));
        using var peer = GsctlProcess.Start(temp.Path, "peer", "--listen", "127.0.0.1:0", "--sim-pass", passFile, "--seed", "4",
            "--out", temp.File("tx"), "--key-pool", temp.File("tx.pool"));
        try
        {
            var listening = await peer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
            var port = Regex.Match(listening, @"^listening on 127\.0\.0\.1:(\d+) ").Groups[1].Value;
            Assert.True(port.Length > 0, listening + "");
            using (var operatorSession = DeviceConnection.OpenPort(board.UartPath, 921600))
            {
                for (var detector = 1; detector <= 4; detector++)
                {
                    DeviceScpi.Run(operatorSession.Client, $"DET:GATE {detector},ON");
                }

                DeviceScpi.Run(operatorSession.Client, "SIM:STAR");
            }

            var record = GsctlProcess.Run("record", "--port", board.UartPath, "--out", temp.File("rec"), "--seconds", "14",
                "--peer", $"127.0.0.1:{port}", "--key-pool", temp.File("st.pool"));
            Assert.True(record.ExitCode == 0, record.Stdout + record.Stderr);
            Assert.True(peer.WaitForExit(30_000), "gsctl peer did not end after the session");
            Assert.Equal(0, peer.ExitCode);

            using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File("rec/manifest.json")));
            using var report = JsonDocument.Parse(File.ReadAllText(temp.File("tx/" + PeerCommand.ReportFileName)));
            var m = manifest.RootElement;
            var r = report.RootElement;
            Assert.Equal("live", m.GetProperty("mode").GetString());
            Assert.Equal(m.GetProperty("keyId").GetString(), r.GetProperty("keyId").GetString());
            foreach (var field in new[] { "keyStreamBits", "framesKept", "disclosedBits", "secretKeyBits" })
            {
                Assert.Equal(m.GetProperty(field).GetInt64(), r.GetProperty(field).GetInt64());
            }

            Assert.InRange(m.GetProperty("keyStreamBits").GetInt64(), 10_000, 200_000); // the board's slot numbers are the satellite's
            Assert.InRange(m.GetProperty("qberX").GetDouble(), 0.005, 0.04); // the simulated channel's 1-3 %, not 50 %
            Assert.True(m.TryGetProperty("phaseErrorBound", out _) && m.TryGetProperty("finiteKeyInput", out _));
            var (header, content, _) = SiftedKeyFile.Read(temp.File("rec/" + GroundStation.Gsctl.Recording.RecordingWriter.SiftedFileName));
            Assert.Equal((KeySide.Station, "transmitter", SiftedContent.Sifted), (header.Side, header.TransmitterId, content));
        }
        finally
        {
            if (!peer.HasExited)
            {
                peer.Kill(entireProcessTree: true);
            }
        }
    }
}

/// <summary>`gsctl postprocess` refuses what it cannot finish, in one line, before any session.</summary>
public sealed class PostprocessCommandTests
{
    [Fact]
    public void A_live_or_incomplete_recording_or_a_missing_peer_is_one_line_and_exit_2()
    {
        using var temp = new TempDirectory();
        var live = temp.File("live");
        using (var writer = new GroundStation.Gsctl.Recording.RecordingWriter(live, new KeyFileHeader(KeySide.Station, "s", "t", "p"), SiftedContent.Sifted, []))
        {
            writer.Complete(GroundStation.Gsctl.Recording.RecordingManifest.LiveMode);
        }

        var postPass = temp.File("postpass");
        using (var writer = new GroundStation.Gsctl.Recording.RecordingWriter(postPass, new KeyFileHeader(KeySide.Station, "", "", ""), SiftedContent.Detections, []))
        {
            writer.Complete(GroundStation.Gsctl.Recording.RecordingManifest.PostPassMode);
        }

        GsctlAssert.OneLineError(GsctlProcess.Run("postprocess", live, "--peer", "127.0.0.1:9"), 2, "\\S+ is a live recording; only a post-pass one waits");
        GsctlAssert.OneLineError(GsctlProcess.Run("postprocess", temp.File("nothing")), 2, "\\S+ is not a whole recording: ");
        GsctlAssert.OneLineError(GsctlProcess.Run("postprocess", postPass, "--auth", "hmac-sha256-computational", "--psk", temp.File("x")), 2,
            "give --peer HOST:PORT");
    }
}

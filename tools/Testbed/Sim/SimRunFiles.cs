using System.Text.Json.Nodes;
using GroundStation.Host.Distillation;
using GroundStation.Host.Keys;
using GroundStation.Host.Sifting;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// The files of a simulated pass's run directory: the simulator's (pass.json, timeline.csv), summary.json with the
/// post-processing figures of the station's report at its top level (<see cref="ReportJson"/>) plus the satellite's
/// pool spend and whether the keys are identical, both sides' sifted keys in the one key-file format
/// (<see cref="SiftedKeyFile"/>) and both final keys (<see cref="KeyStore"/>). The directory is 0700, key files 0600.
/// </summary>
public static class SimRunFiles
{
    public const string StationSiftedFileName = "sifted-station" + SiftedKeyFile.Extension;
    public const string TransmitterSiftedFileName = "sifted-transmitter" + SiftedKeyFile.Extension;
    public const string StationKeysDirectory = "keys/station";
    public const string TransmitterKeysDirectory = "keys/transmitter";

    public static RunSummary Write(string directory, PassSimulator sim, PassOutcome outcome)
    {
        SecretFiles.CreateDirectory(directory); // it holds keys
        var summary = RunDirectory.Write(directory, sim, outcome.Timeline, outcome.Summary);
        var peer = outcome.Peer;
        var json = JsonNode.Parse(summary.ToJson())!.AsObject();
        ReportJson.MergeInto(json, peer.Station);
        json["transmitterPoolSpentBits"] = peer.Transmitter.PoolSpentBits;
        json["poolBits"] = peer.PoolBits;
        json["authentication"] = peer.Session.Authentication.ToString();
        json["keysIdentical"] = peer.KeysIdentical;
        File.WriteAllText(Path.Combine(directory, RunDirectory.SummaryFileName), json.ToJsonString(ReportJson.Options) + "\n");

        var info = peer.Session;
        WriteSifted(Path.Combine(directory, StationSiftedFileName), new KeyFileHeader(KeySide.Station, info.StationId, info.TransmitterId, info.PassId), peer.StationBlocks);
        WriteSifted(Path.Combine(directory, TransmitterSiftedFileName), new KeyFileHeader(KeySide.Transmitter, info.StationId, info.TransmitterId, info.PassId), peer.TransmitterBlocks);
        var now = DateTimeOffset.UtcNow;
        if (peer.StationKey is { } stationKey)
        {
            new KeyStore(Path.Combine(directory, StationKeysDirectory)).Write(
                new FinalKey(peer.Station.KeyId, new KeyFileHeader(KeySide.Station, info.StationId, info.TransmitterId, info.PassId), now, stationKey));
        }

        if (peer.TransmitterKey is { } transmitterKey)
        {
            new KeyStore(Path.Combine(directory, TransmitterKeysDirectory)).Write(
                new FinalKey(peer.Transmitter.KeyId, new KeyFileHeader(KeySide.Transmitter, info.StationId, info.TransmitterId, info.PassId), now, transmitterKey));
        }

        return summary;
    }

    private static void WriteSifted(string path, KeyFileHeader header, IReadOnlyList<LedgerBlock> blocks)
    {
        using var stream = SecretFiles.Create(path);
        var writer = new SiftedKeyWriter(stream, header, SiftedContent.Sifted);
        foreach (var block in blocks.OrderBy(b => b.Number))
        {
            writer.Add(block.Number, block.Entries);
        }

        writer.Complete();
    }
}

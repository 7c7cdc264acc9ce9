using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Recording;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl record ...`: recordings of sifted keys and raw detections, and their verification.</summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var command = new Command("record",
            "Recordings of a pass: sifted key blocks (sifted.gsk: slot, basis, bit and intensity class per entry; detections.gsk\n" +
            "for post-pass), the final key (keys/<key id>.key), optional raw detection dumps (qcrypto a1, PTU T2) and\n" +
            "manifest.json with counts, SHA-256 checksums and the post-processing report, written last.");
        command.Subcommands.Add(CreateVerify());
        RecordFromDevice.Attach(command);
        return command;
    }

    private static Command CreateVerify()
    {
        var directory = new Argument<string>("dir") { Description = "The recording directory (holds manifest.json)." };
        var command = new Command("verify",
            "Prove a recording whole: every listed file has its size and SHA-256, the key stream parses and its block\n" +
            "count, bits per intensity class and block ids agree with the manifest, and no block id is missing.\n" +
            "Exit 0 when whole, 1 with one line per problem otherwise.")
        {
            directory,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(directory)!;
            var result = RecordingVerifier.Verify(path);
            if (!result.Ok)
            {
                foreach (var problem in result.Problems.Skip(1))
                {
                    Console.Error.WriteLine($"gsctl: {problem}");
                }

                throw new UserError(result.Problems[0]);
            }

            Console.WriteLine($"{path}: OK: {result.Summary}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using System.CommandLine;
using GroundStation.Firmware.App.Config;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Config;
using GroundStation.Gsctl.Files;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl config get|set|save|export|import`: the device's versioned, checksummed configuration record.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config",
            "The device configuration (timing, skews, detector limits and bias, receiver map, alarms): one record,\n" +
            $"versioned (v{DeviceConfigCodec.CurrentVersion}) and CRC-32 checksummed, read with CONF:EXP? and written with CONF:IMP.\n" +
            "Changes take effect at once and survive a reset only after `gsctl config save` (or --save).\n" +
            "Field names are the firmware's (PulseRateHz, CoincidenceWindowPs, SkewPs, BiasMillivolts, ...).");
        command.Subcommands.Add(CreateGet());
        command.Subcommands.Add(CreateSet());
        command.Subcommands.Add(CreateSave());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateImport());
        return command;
    }

    private static Command CreateGet()
    {
        var field = new Argument<string?>("field") { Description = "A field, or one entry of a list as Name[i]; all fields when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("get", "Print one configuration field (its value only), or every field as `Name = value` lines.") { field };
        return WithDevice(command, (parse, client) =>
        {
            var config = DeviceConfigClient.Read(client);
            if (parse.GetValue(field) is { } name)
            {
                var (info, index) = Resolve(name);
                Console.WriteLine(Format(config, info, index));
                return ExitCodes.Ok;
            }

            foreach (var info in DeviceConfigFields.All)
            {
                Console.WriteLine($"{info.Name} = {DeviceConfigFields.Format(config, info)}");
            }

            Console.WriteLine($"checksum = {DeviceConfigJson.FormatChecksum(DeviceConfigRecord.Checksum(DeviceConfigRecord.Encode(config)))}");
            return ExitCodes.Ok;
        });
    }

    private static Command CreateSet()
    {
        var field = new Argument<string>("field") { Description = "The field, e.g. CoincidenceWindowPs, or SkewPs[3] for one list entry." };
        var value = new Argument<string>("value") { Description = "A whole number; for a list field a comma-separated list (e.g. 0,1,3,7)." };
        var save = SaveOption();
        var command = new Command("set",
            "Change one field: read the record, change the field, validate, send it back with CONF:IMP. A value the\n" +
            "firmware would refuse is reported naming the field and nothing is sent.") { field, value, save };
        return WithDevice(command, (parse, client) =>
        {
            var config = DeviceConfigClient.Read(client);
            var (info, index) = Resolve(parse.GetValue(field)!);
            var before = Format(config, info, index);
            try
            {
                DeviceConfigFields.Set(config, info, index, parse.GetValue(value)!);
            }
            catch (FormatException e)
            {
                throw new UserError(e.Message, ExitCodes.Usage);
            }

            var atRestart = DeviceConfigClient.Write(client, config);
            var name = index is { } i ? $"{info.Name}[{i}]" : info.Name;
            Console.WriteLine($"{name} = {Format(DeviceConfigClient.Read(client), info, index)} (was {before})");
            DeviceConfigClient.ReportAtRestart(atRestart);
            return Finish(client, parse.GetValue(save));
        });
    }

    private static Command CreateSave()
    {
        var command = new Command("save", "Store the device's current configuration in its non-volatile storage (CONF:SAVE).");
        return WithDevice(command, (_, client) =>
        {
            DeviceConfigClient.Save(client);
            Console.WriteLine("configuration saved on the device");
            return ExitCodes.Ok;
        });
    }

    private static Command CreateExport()
    {
        var file = new Argument<string>("file") { Description = "The JSON file to write (replaced whole, or left as it was on failure)." };
        var command = new Command("export",
            "Write the device's configuration as human-readable JSON: format, version, every field by name and the\n" +
            "record's CRC-32 as \"checksum\". Written atomically (temporary file, then rename).") { file };
        return WithDevice(command, (parse, client) =>
        {
            var path = parse.GetValue(file)!;
            OutputLocation.CheckFile(path);
            var config = DeviceConfigClient.Read(client);
            var text = DeviceConfigJson.Write(config);
            try
            {
                AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{path}: writing failed, the file is as it was: {e.Message}");
            }

            Console.WriteLine($"{path}: configuration v{DeviceConfigCodec.CurrentVersion}, checksum {DeviceConfigJson.FormatChecksum(DeviceConfigRecord.Checksum(DeviceConfigRecord.Encode(config)))}");
            return ExitCodes.Ok;
        });
    }

    private static Command CreateImport()
    {
        var file = new Argument<string>("file") { Description = "A JSON file written by `gsctl config export` (possibly edited)." };
        var save = SaveOption();
        var command = new Command("import",
            "Send a configuration file to the device. The file is checked first: version, every field present with the\n" +
            "right type and list length, the firmware's range checks, the codec round trip and, when present, the\n" +
            "checksum (remove the checksum line after editing by hand). A file that does not validate changes nothing:\n" +
            "exit 2 with one line naming the field. The device checks the record again and refuses an invalid one.") { file, save };

        // The file is validated before the device is even opened: a bad file never costs a connection.
        var prepare = (ParseResult parse) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{path}: {e.Message}", ExitCodes.Usage);
            }

            try
            {
                return DeviceConfigJson.Read(text).Record;
            }
            catch (FormatException e)
            {
                throw new UserError($"{path}: {e.Message}; nothing was changed on the device", ExitCodes.Usage);
            }
        };
        return WithDevice(command, (parse, client) =>
        {
            var atRestart = DeviceConfigClient.Import(client, prepare(parse));
            Console.WriteLine($"{parse.GetValue(file)}: imported");
            DeviceConfigClient.ReportAtRestart(atRestart);
            return Finish(client, parse.GetValue(save));
        }, prepare);
    }

    private static int Finish(GroundStation.Host.Link.LinkClient client, bool save)
    {
        if (save)
        {
            DeviceConfigClient.Save(client);
            Console.WriteLine("configuration saved on the device");
        }
        else
        {
            Console.WriteLine("not saved yet: run `gsctl config save` (or pass --save) to keep it across resets");
        }

        return ExitCodes.Ok;
    }

    private static Option<bool> SaveOption() =>
        new("--save") { Description = "Also store the result in the device's non-volatile storage (CONF:SAVE)." };

    private static (System.Reflection.FieldInfo Field, int? Index) Resolve(string name)
    {
        try
        {
            return DeviceConfigFields.Resolve(name);
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message, ExitCodes.Usage);
        }
    }

    private static string Format(DeviceConfig config, System.Reflection.FieldInfo field, int? index)
    {
        try
        {
            return DeviceConfigFields.Format(config, field, index);
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message, ExitCodes.Usage);
        }
    }

    /// <summary>Adds --port/--baud/--sim and runs the body with a connected device.</summary>
    private static Command WithDevice(Command command, Func<ParseResult, GroundStation.Host.Link.LinkClient, int> body, Func<ParseResult, object>? precheck = null)
    {
        var port = DeviceConnection.PortOption();
        var baud = DeviceConnection.BaudOption();
        var sim = DeviceConnection.SimOption();
        command.Options.Add(port);
        command.Options.Add(baud);
        command.Options.Add(sim);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            precheck?.Invoke(parse);
            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            return body(parse, connection.Client);
        }));
        return command;
    }
}

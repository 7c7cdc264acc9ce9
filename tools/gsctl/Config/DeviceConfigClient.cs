using GroundStation.Firmware.App.Config;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Commands;
using GroundStation.Gsctl.Link;

namespace GroundStation.Gsctl.Config;

/// <summary>
/// Reads and writes a device's configuration through its record: CONF:EXP? gives the record as hex, CONF:IMP sends
/// one back (the device refuses an invalid record and changes nothing), CONF:SAVE stores it. A configuration is
/// validated and round-tripped through the codec here before anything is sent, so a bad one never reaches the device.
/// </summary>
internal static class DeviceConfigClient
{
    public static DeviceConfig Read(LinkClient client)
    {
        var hex = DeviceScpi.Run(client, "CONF:EXP?");
        try
        {
            return DeviceConfigRecord.FromHex(hex);
        }
        catch (FormatException e)
        {
            throw new UserError($"the device sent a configuration gsctl cannot read: {e.Message}");
        }
    }

    /// <summary>Validates, encodes and imports a configuration (not yet saved to non-volatile storage).</summary>
    public static void Write(LinkClient client, DeviceConfig config)
    {
        byte[] record;
        try
        {
            record = DeviceConfigRecord.ValidatedRecord(config);
        }
        catch (FormatException e)
        {
            throw new UserError($"configuration not valid, nothing sent: {e.Message}", ExitCodes.Usage);
        }

        Import(client, record);
    }

    public static void Import(LinkClient client, byte[] record) => DeviceScpi.Run(client, "CONF:IMP " + Convert.ToHexString(record));

    public static void Save(LinkClient client) => DeviceScpi.Run(client, "CONF:SAVE", TimeSpan.FromSeconds(10));
}

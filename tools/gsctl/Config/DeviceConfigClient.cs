using GroundStation.Firmware.App.Config;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Commands;
using GroundStation.Host.Link;

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

    /// <summary>
    /// Validates, encodes and imports a configuration (not yet saved to non-volatile storage); returns the fields
    /// that take effect only at the device's next start (null when everything took effect at once).
    /// </summary>
    public static string? Write(LinkClient client, DeviceConfig config)
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

        return Import(client, record);
    }

    /// <summary>Imports a record; returns the fields that wait for the device's next start, or null.</summary>
    public static string? Import(LinkClient client, byte[] record) =>
        FieldsAtRestart(DeviceScpi.Run(client, "CONF:IMP " + Convert.ToHexString(record)));

    /// <summary>
    /// The device applies every field of an imported record at once except those that shape its clock model, which
    /// its reply names: "OK; at restart: PulseRateHz,BeaconPeriodSlots (CONF:SAVE, then restart)".
    /// </summary>
    public static string? FieldsAtRestart(string reply)
    {
        const string Marker = "at restart: ";
        int at = reply.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var fields = reply[(at + Marker.Length)..];
        int end = fields.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? fields : fields[..end];
    }

    /// <summary>Tells the user which imported fields wait for a restart (nothing when all took effect).</summary>
    public static void ReportAtRestart(string? fields)
    {
        if (fields is not null)
        {
            Console.WriteLine($"takes effect at the device's next start: {fields.Replace(",", ", ", StringComparison.Ordinal)} (save, then restart the device)");
        }
    }

    public static void Save(LinkClient client) => DeviceScpi.Run(client, "CONF:SAVE", TimeSpan.FromSeconds(10));
}

using GroundStation.Firmware.App.Config;

namespace GroundStation.Gsctl.Config;

/// <summary>
/// The device's configuration record as gsctl handles it: decoded and encoded only by the firmware's own
/// <see cref="DeviceConfigCodec"/> (one codec for device and host), carried as hex in CONF:EXP? / CONF:IMP.
/// </summary>
internal static class DeviceConfigRecord
{
    /// <summary>Decodes the hex of a record; throws <see cref="FormatException"/> naming the problem.</summary>
    public static DeviceConfig FromHex(string hex)
    {
        byte[] record;
        try
        {
            record = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("the configuration record is not a hex string");
        }

        return DeviceConfigCodec.TryRead(record, record.Length, out var error) ?? throw new FormatException(error);
    }

    /// <summary>The encoded record (with its CRC-32 at the end).</summary>
    public static byte[] Encode(DeviceConfig config)
    {
        var buffer = new byte[DeviceConfigCodec.Length];
        var length = DeviceConfigCodec.Write(config, buffer);
        return buffer[..length];
    }

    /// <summary>The record's CRC-32 (its last four bytes, little-endian).</summary>
    public static uint Checksum(byte[] record) => BitConverter.ToUInt32(record, record.Length - 4);

    /// <summary>
    /// Validates a configuration and proves it survives the codec: encode, decode, re-encode must give the same
    /// bytes (catches values the record cannot hold, e.g. a bias beyond 16 bits). Returns the record.
    /// </summary>
    public static byte[] ValidatedRecord(DeviceConfig config)
    {
        if (config.Validate() is { } problem)
        {
            throw new FormatException(problem);
        }

        var record = Encode(config);
        var decoded = DeviceConfigCodec.TryRead(record, record.Length, out var error)
            ?? throw new FormatException($"the configuration does not survive encoding: {error}");
        if (!Encode(decoded).AsSpan().SequenceEqual(record))
        {
            throw new FormatException("the configuration does not survive encoding (a value out of the record's range)");
        }

        return record;
    }
}

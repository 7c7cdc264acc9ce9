using GroundStation.Gsctl.Cli;
using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// Runs one of the firmware's SCPI lines for a gsctl command and turns every failure into a one-line
/// <see cref="UserError"/>: a SCPI error reply (exit 1, with the device's own text), no answer (exit 3).
/// </summary>
internal static class DeviceScpi
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Detector channels, numbered 1-4 for people (H, V, D, A) in DET:* commands.</summary>
    public const int Detectors = 4;

    public static string Run(LinkClient client, string line, TimeSpan? timeout = null)
    {
        var result = TryRun(client, line, timeout);
        return result.Ok ? result.Text : throw new UserError($"device refused '{Shorten(line)}': {result.Text} (error {result.Status})");
    }

    /// <summary>Runs a line and returns the reply whatever its status (for polling "still running" replies).</summary>
    public static CommandResult TryRun(LinkClient client, string line, TimeSpan? timeout = null)
    {
        try
        {
            return client.Execute(line, timeout ?? DefaultTimeout);
        }
        catch (LinkException e)
        {
            throw new UserError(e.Message, ExitCodes.Connection);
        }
    }

    /// <summary>A reply of comma-separated integers ("120,118").</summary>
    public static long[] Numbers(string reply, string line)
    {
        var parts = reply.Split(',');
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
            {
                throw new UserError($"unexpected reply to '{line}': '{reply}'");
            }
        }

        return values;
    }

    /// <summary>The device's sifting counters (SIFT:STAT?); a refusal, no answer or an odd reply is a one-line <see cref="UserError"/>.</summary>
    public static SiftingCounters Sifting(LinkClient client)
    {
        var reply = Run(client, "SIFT:STAT?");
        try
        {
            return SiftingCounters.Parse(reply);
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message);
        }
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..37] + "...";
}

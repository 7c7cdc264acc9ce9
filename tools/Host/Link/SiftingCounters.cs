using System.Globalization;

namespace GroundStation.Host.Link;

/// <summary>The device's sifting counters (SIFT:STAT?: clicks, sifted bits, blocks closed, blocks alarmed, dropped clicks).</summary>
public sealed record SiftingCounters(long Clicks, long SiftedBits, long BlocksClosed, long BlocksAlarmed, long DroppedClicks)
{
    /// <exception cref="FormatException">Not five comma-separated integers.</exception>
    public static SiftingCounters Parse(string reply)
    {
        var f = reply.Split(',');
        if (f.Length < 5 || !f.Take(5).All(x => long.TryParse(x, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"unexpected SIFT:STAT? reply '{reply}'");
        }

        var v = f.Take(5).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new SiftingCounters(v[0], v[1], v[2], v[3], v[4]);
    }

    public static SiftingCounters operator -(SiftingCounters a, SiftingCounters b) =>
        new(a.Clicks - b.Clicks, a.SiftedBits - b.SiftedBits, a.BlocksClosed - b.BlocksClosed,
            a.BlocksAlarmed - b.BlocksAlarmed, a.DroppedClicks - b.DroppedClicks);
}

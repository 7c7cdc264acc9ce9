using System.Globalization;
using System.Net;
using GroundStation.Gsctl.Cli;

namespace GroundStation.Gsctl.PeerLink;

/// <summary>HOST:PORT of `--peer` and `--listen` (IPv6 as [addr]:port), checked with a one-line usage error.</summary>
internal sealed record PeerAddress(string Host, int Port)
{
    public static PeerAddress Parse(string option, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw new UserError($"{option} must be HOST:PORT (e.g. 127.0.0.1:7400), not '{value}'", ExitCodes.Usage);
        }

        return new PeerAddress(value[..colon].Trim('[', ']'), port);
    }

    /// <summary>The address to listen on: an IP literal, or localhost.</summary>
    public IPEndPoint Endpoint(string option) =>
        Host == "localhost" ? new IPEndPoint(IPAddress.Loopback, Port)
        : IPAddress.TryParse(Host, out var address) ? new IPEndPoint(address, Port)
        : throw new UserError($"{option}: '{Host}' is not an IP address to listen on", ExitCodes.Usage);

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

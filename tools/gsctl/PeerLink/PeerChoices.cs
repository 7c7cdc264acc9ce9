using System.CommandLine;
using GroundStation.Peer.Handshake;

namespace GroundStation.Gsctl.PeerLink;

/// <summary>
/// The peer-link choices every command that talks to a transmitter shares: `--auth its|hmac-sha256-computational`
/// (the computational mode named as such) and `--reconciliation cascade|ldpc`.
/// </summary>
internal static class PeerChoices
{
    public const string Its = "its";
    public const string Hmac = "hmac-sha256-computational";

    public static Option<string> AuthOption() => new Option<string>("--auth")
    {
        Description = $"Authentication of the peer link: {Its} (information-theoretic Wegman-Carter, spends the key pool) or " +
                      $"{Hmac} (HMAC-SHA256 with a pre-shared key: COMPUTATIONALLY secure only). Default {Its}.",
        DefaultValueFactory = _ => Its,
    }.AcceptingOnly(Its, Hmac);

    public static Option<string> ReconciliationOption() => new Option<string>("--reconciliation")
    {
        Description = "Error correction: ldpc (default; one-way, a few frames per pass, also for links with long delays) or " +
                      "cascade (interactive: ~10 % fewer disclosed bits, but ~530 round trips, and with --auth its each costs " +
                      "256 pool bits: more than a LEO pass's key).",
        DefaultValueFactory = _ => "ldpc",
    }.AcceptingOnly("cascade", "ldpc");

    public static AuthenticationMode Authentication(string value) =>
        value == Hmac ? AuthenticationMode.ComputationalHmacSha256 : AuthenticationMode.InformationTheoreticWegmanCarter;

    public static ReconciliationMethod Reconciliation(string value) => value == "ldpc" ? ReconciliationMethod.Ldpc : ReconciliationMethod.Cascade;

    private static Option<string> AcceptingOnly(this Option<string> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}

namespace GroundStation.Protocol
{
    /// <summary>
    /// The link protocol version. Both ends exchange it in the handshake (Hello / HelloReply); a major mismatch
    /// means the peer cannot be spoken to, a minor difference means only newer messages are unknown to one side.
    /// </summary>
    public static class ProtocolVersion
    {
        public const int Major = 1;
        public const int Minor = 0;

        /// <summary>"major.minor", for humans.</summary>
        public static string Current
        {
            get { return Major + "." + Minor; }
        }
    }
}

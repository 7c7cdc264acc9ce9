namespace GroundStation.Firmware.App
{
    /// <summary>What the firmware says it is, in the handshake and on *IDN?.</summary>
    public static class FirmwareIdentity
    {
        public const string Manufacturer = "GroundStationFw";

        public const string Product = "QKD ground station controller";

        /// <summary>Semantic version of the firmware image; bump with every release.</summary>
        public const string Version = "0.1.0";
    }
}

namespace GroundStation.Protocol
{
    /// <summary>
    /// What the device says about itself in HelloReply and *IDN?. The firmware application supplies it once;
    /// the strings are encoded to UTF-8 here (cut to 64 bytes) so the handshake allocates nothing.
    /// </summary>
    public sealed class DeviceIdentity
    {
        public DeviceIdentity(string manufacturer, string name, string firmwareVersion, string boardName, string serialNumber)
        {
            Manufacturer = manufacturer;
            Name = name;
            FirmwareVersion = firmwareVersion;
            BoardName = boardName;
            SerialNumber = serialNumber;
            NameBytes = Encode(name);
            FirmwareVersionBytes = Encode(firmwareVersion);
            BoardNameBytes = Encode(boardName);
        }

        public string Manufacturer { get; }
        public string Name { get; }
        public string FirmwareVersion { get; }
        public string BoardName { get; }
        public string SerialNumber { get; }

        internal byte[] NameBytes { get; }
        internal byte[] FirmwareVersionBytes { get; }
        internal byte[] BoardNameBytes { get; }

        /// <summary>The *IDN? answer: manufacturer,model,serial,firmware (IEEE 488.2 order).</summary>
        public string IdnString
        {
            get { return Manufacturer + "," + Name + "," + SerialNumber + "," + FirmwareVersion; }
        }

        private static byte[] Encode(string text)
        {
            byte[] bytes = Utf8.GetBytes(text == null ? "" : text);
            if (bytes.Length <= HelloReplyPayload.MaxStringBytes)
            {
                return bytes;
            }

            byte[] cut = new byte[HelloReplyPayload.MaxStringBytes];
            System.Array.Copy(bytes, 0, cut, 0, cut.Length);
            return cut;
        }
    }
}

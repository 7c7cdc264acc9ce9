using GroundStation.Hal;

namespace GroundStation.Firmware.App.Config
{
    /// <summary>
    /// Loads the configuration from the board's store at start-up (a corrupt, foreign or newer record is replaced by
    /// safe defaults and the problem is kept for the start-up report), saves it on request, and imports/exports the
    /// binary record. An import that does not validate changes nothing.
    /// </summary>
    public sealed class ConfigManager
    {
        private readonly IConfigStore _store;
        private readonly byte[] _buffer;

        public ConfigManager(IConfigStore store)
        {
            _store = store;
            // One record's worth, not the store's capacity (2 KB on the boards): a longer stored record cannot be a
            // configuration this firmware reads, and the store reports it as too long, which replaces it by defaults.
            _buffer = new byte[DeviceConfigCodec.Length];
            Current = Load(out string problem);
            LoadProblem = problem;
        }

        public DeviceConfig Current { get; private set; }

        /// <summary>Why the stored configuration was not used at start-up; null when it was (or the store was empty).</summary>
        public string LoadProblem { get; private set; }

        /// <summary>Writes the current configuration to the store (atomic replace).</summary>
        public void Save()
        {
            int length = DeviceConfigCodec.Write(Current, _buffer);
            _store.Replace(_buffer, length);
        }

        /// <summary>Replaces the current configuration with defaults (not saved until <see cref="Save"/>).</summary>
        public void LoadDefaults()
        {
            Current = new DeviceConfig();
        }

        /// <summary>Encodes the current configuration into <paramref name="destination"/>; returns its length.</summary>
        public int Export(byte[] destination)
        {
            return DeviceConfigCodec.Write(Current, destination);
        }

        /// <summary>Adopts a record if it decodes and validates; otherwise returns the reason and changes nothing.</summary>
        public string Import(byte[] record, int length)
        {
            string error;
            DeviceConfig imported = DeviceConfigCodec.TryRead(record, length, out error);
            if (imported == null)
            {
                return error;
            }

            Current = imported;
            return null;
        }

        private DeviceConfig Load(out string problem)
        {
            problem = null;
            int length;
            try
            {
                length = _store.Read(_buffer);
            }
            catch (HalException e)
            {
                problem = e.Message;
                return new DeviceConfig();
            }

            if (length == 0)
            {
                // First boot: factory defaults are the configuration, not a fault.
                return new DeviceConfig();
            }

            DeviceConfig config = DeviceConfigCodec.TryRead(_buffer, length, out problem);
            return config != null ? config : new DeviceConfig();
        }
    }
}

namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>Why a detector channel was switched off. The number is stable: it is reported in telemetry.</summary>
    public enum SpcmFault
    {
        None = 0,

        /// <summary>The count rate exceeded the channel's limit (too much light: APD damage risk).</summary>
        OverLight = 1,

        /// <summary>The module pulled its fault output low (over-temperature, supply).</summary>
        ModuleFault = 2,
    }

    /// <summary>Raised when a channel is latched off. Times: tagger time of the detection that crossed the limit
    /// (0 for a module fault) and board time when the gate was cut.</summary>
    public delegate void SpcmFaultHandler(int channel, SpcmFault fault, long taggerPicoseconds, long boardMicroseconds);
}

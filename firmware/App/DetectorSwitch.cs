namespace GroundStation.Firmware.App
{
    /// <summary>Turns one detector on or off; returns false when the detector refuses (its fault is latched).</summary>
    public delegate bool DetectorSwitch(int channel, bool on);
}

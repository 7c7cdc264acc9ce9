namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// Raised (under the sifter's lock: keep it short, do not call back into the sifter) when a block's estimated
    /// QBER exceeds the threshold. The block is already discarded; the alarm message goes to the host on the next Service.
    /// </summary>
    public delegate void SiftingAlarmHandler(uint block, int intensityClass, int basis, int qberPpm);
}

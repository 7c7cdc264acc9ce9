namespace GroundStation.Host.Sifting;

/// <summary>
/// One sifted slot as the two non-firmware parties see it: the slot and basis the station announced, the intensity
/// class the transmitter sent in it, and the key bit (the transmitter's own, or the station's once the firmware
/// delivered its block; 0 until then). Key material: ToString never shows the bit.
/// </summary>
public readonly record struct SiftedEntry(long Slot, byte Basis, byte IntensityClass, byte Bit)
{
    public override string ToString() => $"SiftedEntry(slot {Slot}, basis {Basis}, class {IntensityClass}, bit redacted)";
}

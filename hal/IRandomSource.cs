namespace GroundStation.Hal
{
    /// <summary>
    /// Random numbers for protocol choices (squashing double clicks, sampling bits for parameter estimation).
    /// The ESP32 board uses its hardware RNG; simulations use a seeded generator so runs repeat.
    /// </summary>
    public interface IRandomSource
    {
        uint NextUInt32();
    }
}

namespace GroundStation.Hal
{
    /// <summary>The board's status LED.</summary>
    public interface IStatusLed
    {
        void Set(bool on);
    }
}

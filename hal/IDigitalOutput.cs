namespace GroundStation.Hal
{
    /// <summary>A push-pull output line (detector enable/gate, chip resets, LEDs).</summary>
    public interface IDigitalOutput
    {
        int PinNumber { get; }

        /// <summary>The level last written.</summary>
        bool IsHigh { get; }

        void Write(bool high);
    }
}

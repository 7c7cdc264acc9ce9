using System.Device.Gpio;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>The status LED on a GPIO, active high or active low as wired.</summary>
    public sealed class GpioStatusLed : IStatusLed
    {
        private readonly GpioDigitalOutput _output;
        private readonly bool _activeHigh;

        public GpioStatusLed(GpioController controller, int pinNumber, bool activeHigh, HalFaultCounters faults)
        {
            _activeHigh = activeHigh;
            _output = new GpioDigitalOutput(controller, pinNumber, "status LED", !activeHigh, faults);
        }

        public void Set(bool on)
        {
            _output.Write(on == _activeHigh);
        }
    }
}

using System;
using System.Device.Gpio;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>A push-pull output on a GpioController pin (ESP32 GPIO matrix, or gpiochip on Linux).</summary>
    public sealed class GpioDigitalOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;
        private readonly string _name;
        private readonly HalFaultCounters _faults;

        /// <summary>Opens the pin as an output and drives <paramref name="initialHigh"/> at once.</summary>
        public GpioDigitalOutput(GpioController controller, int pinNumber, string name, bool initialHigh, HalFaultCounters faults)
        {
            PinNumber = pinNumber;
            _name = name;
            _faults = faults;
            try
            {
                _pin = controller.OpenPin(pinNumber, PinMode.Output);
            }
            catch (Exception e)
            {
                throw faults.Raise(HalFault.GpioFailed, name, "cannot open GPIO" + pinNumber + " as output: " + e.Message);
            }

            Write(initialHigh);
        }

        public int PinNumber { get; }

        public bool IsHigh { get; private set; }

        public void Write(bool high)
        {
            try
            {
                _pin.Write(high ? PinValue.High : PinValue.Low);
            }
            catch (Exception e)
            {
                throw _faults.Raise(HalFault.GpioFailed, _name, "GPIO" + PinNumber + " write failed: " + e.Message);
            }

            IsHigh = high;
        }
    }
}

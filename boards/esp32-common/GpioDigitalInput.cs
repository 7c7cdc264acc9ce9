using System;
using System.Device.Gpio;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// An input on a GpioController pin with both edges reported through <see cref="Edge"/>, stamped with the board
    /// clock. On nanoFramework the callback runs on the CLR event thread after the ISR queued it, so the time stamp
    /// is when managed code saw the edge (tens of microseconds late), not the edge itself: precise timing comes from
    /// the time tagger, this line only says "data is ready".
    /// </summary>
    public sealed class GpioDigitalInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly IMonotonicClock _clock;

        public GpioDigitalInput(GpioController controller, int pinNumber, string name, InputPull pull, IMonotonicClock clock, HalFaultCounters faults)
        {
            PinNumber = pinNumber;
            _clock = clock;
            PinMode mode = pull == InputPull.Up ? PinMode.InputPullUp : pull == InputPull.Down ? PinMode.InputPullDown : PinMode.Input;
            try
            {
                _pin = controller.OpenPin(pinNumber, mode);
                controller.RegisterCallbackForPinValueChangedEvent(pinNumber, PinEventTypes.Rising | PinEventTypes.Falling, OnPinValueChanged);
            }
            catch (Exception e)
            {
                throw faults.Raise(HalFault.GpioFailed, name, "cannot open GPIO" + pinNumber + " as input: " + e.Message);
            }
        }

        public int PinNumber { get; }

        public bool IsHigh
        {
            get { return _pin.Read() == PinValue.High; }
        }

        public event PinEdgeHandler Edge;

        private void OnPinValueChanged(object sender, PinValueChangedEventArgs e)
        {
            PinEdgeHandler handler = Edge;
            if (handler != null)
            {
                handler(PinNumber, e.ChangeType == PinEventTypes.Rising, _clock.NowMicroseconds);
            }
        }
    }
}

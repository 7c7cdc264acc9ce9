using System;

namespace GroundStation.Hal
{
    /// <summary>A typed hardware fault. <see cref="Device"/> names the chip, pin or store concerned.</summary>
    public class HalException : Exception
    {
        public HalException(HalFault fault, string device, string message)
            : base(device + ": " + message)
        {
            Fault = fault;
            Device = device;
        }

        public HalFault Fault { get; }

        public string Device { get; }
    }
}

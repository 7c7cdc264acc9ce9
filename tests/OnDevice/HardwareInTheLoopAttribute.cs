using System;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// Marks a test class or method that needs the bench prototype (real time tagger, detectors, loop-back wiring;
    /// see README.md "Bench wiring"). It runs on the ESP32 and is skipped on the desktop, with <see cref="Reason"/>
    /// shown as the skip reason.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
    public sealed class HardwareInTheLoopAttribute : Attribute
    {
        public HardwareInTheLoopAttribute(string reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}

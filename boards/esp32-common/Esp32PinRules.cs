using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Rejects, at start-up and before any pin is touched, a pin map the ESP32 (ESP32-D0WD in WROOM-32/WROVER modules)
    /// cannot run safely. Facts from the ESP32 datasheet (section "Strapping Pins") and the module datasheets:
    /// GPIO6-11 connect the SPI flash; GPIO16/17 the PSRAM on WROVER; GPIO34-39 are input-only without pull resistors;
    /// GPIO1/3 are UART0, the nanoFramework debugger; GPIO0, 2, 5, 12 (MTDI) and 15 (MTDO) are sampled at reset:
    /// GPIO0 low = download mode, GPIO2 must be low/floating when GPIO0 is low, GPIO12 high = 1.8 V flash (a 3.3 V
    /// module then fails to boot), GPIO15 low silences the boot log, GPIO5/15 set SDIO slave timing.
    /// </summary>
    public static class Esp32PinRules
    {
        /// <summary>Runs every board-independent and ESP32 check; throws <see cref="HalFault.PinMapInvalid"/> naming the first bad pin.</summary>
        public static void Validate(string board, PinAssignment[] pins, bool hasPsram, HalFaultCounters faults)
        {
            PinMapValidator.RejectDuplicatesAndNegatives(board, pins, faults);
            for (int i = 0; i < pins.Length; i++)
            {
                string reason = WhyUnsafe(pins[i], hasPsram);
                if (reason != null)
                {
                    PinMapValidator.Reject(board, pins[i], reason, faults);
                }
            }
        }

        /// <summary>Why this one assignment is unsafe on an ESP32, or null when it is fine.</summary>
        public static string WhyUnsafe(PinAssignment pin, bool hasPsram)
        {
            int p = pin.Pin;
            if (p > 39 || p == 20 || p == 24 || (p >= 28 && p <= 31))
            {
                return "does not exist on the ESP32";
            }

            if (p >= 6 && p <= 11)
            {
                return "is wired to the module's SPI flash";
            }

            if (hasPsram && (p == 16 || p == 17))
            {
                return "is wired to the PSRAM on WROVER modules";
            }

            if (p == 1 || p == 3)
            {
                return "is UART0 (COM1), which the nanoFramework debugger uses";
            }

            if (p >= 34 && pin.IsOutput)
            {
                return "is input-only on the ESP32 and cannot drive an output";
            }

            return WhyStrappingUnsafe(pin);
        }

        private static string WhyStrappingUnsafe(PinAssignment pin)
        {
            // The level the board's circuit puts on the pin while the chip is held in reset.
            bool pulledHigh = pin.Role == PinRole.ChipSelect || pin.Role == PinRole.OutputIdleHigh || pin.Role == PinRole.UartRx;
            bool pulledLow = pin.Role == PinRole.OutputIdleLow;
            bool drivenByOthers = pin.Role == PinRole.ExternalInput || pin.Role == PinRole.SpiInput;
            string atReset = drivenByOthers ? "is driven by another device at reset"
                : pulledHigh ? "is pulled high at reset"
                : "is pulled low at reset";

            switch (pin.Pin)
            {
                case 0:
                    return pulledLow || drivenByOthers ? "is a strapping pin that must be high at reset (low selects download mode), but " + RoleText(pin) + atReset : null;
                case 2:
                    return pulledHigh || drivenByOthers ? "is a strapping pin that must be low or floating at reset (needed for download mode), but " + RoleText(pin) + atReset : null;
                case 5:
                    return pulledLow || drivenByOthers ? "is a strapping pin that must be high at reset (SDIO timing), but " + RoleText(pin) + atReset : null;
                case 12:
                    return pulledHigh || drivenByOthers ? "is a strapping pin (MTDI) that must be low at reset (high selects 1.8 V flash and the module will not boot), but " + RoleText(pin) + atReset : null;
                case 15:
                    return pulledLow || drivenByOthers ? "is a strapping pin (MTDO) that must be high at reset (low silences boot messages and changes SDIO timing), but " + RoleText(pin) + atReset : null;
                default:
                    return null;
            }
        }

        private static string RoleText(PinAssignment pin)
        {
            return "as " + pin.Name + " it ";
        }
    }
}

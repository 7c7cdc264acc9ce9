namespace GroundStation.Hal
{
    /// <summary>
    /// The board-independent pin-map checks (every board runs them); MCU-specific rules (flash pins, strapping pins,
    /// input-only pins) live with the board family and build on <see cref="Reject"/>.
    /// </summary>
    public static class PinMapValidator
    {
        /// <summary>Rejects a negative pin number or one pin assigned to two signals.</summary>
        public static void RejectDuplicatesAndNegatives(string board, PinAssignment[] pins, HalFaultCounters faults)
        {
            for (int i = 0; i < pins.Length; i++)
            {
                if (pins[i].Pin < 0)
                {
                    Reject(board, pins[i], "is not a valid pin number", faults);
                }

                for (int j = 0; j < i; j++)
                {
                    if (pins[j].Pin == pins[i].Pin)
                    {
                        Reject(board, pins[i], "is already assigned to " + pins[j].Name, faults);
                    }
                }
            }
        }

        /// <summary>Throws <see cref="HalFault.PinMapInvalid"/> naming the pin, its signal and the reason.</summary>
        public static void Reject(string board, PinAssignment pin, string reason, HalFaultCounters faults)
        {
            throw faults.Raise(HalFault.PinMapInvalid, board, "pin map rejected: GPIO" + pin.Pin + " (" + pin.Name + ") " + reason);
        }
    }
}

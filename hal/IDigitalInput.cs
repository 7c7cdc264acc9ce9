namespace GroundStation.Hal
{
    /// <summary>An input line (time-tagger interrupt, detector fault) with edge notification.</summary>
    public interface IDigitalInput
    {
        int PinNumber { get; }

        bool IsHigh { get; }

        /// <summary>Raised on each edge the input was configured for (see the board's pin map).</summary>
        event PinEdgeHandler Edge;
    }
}

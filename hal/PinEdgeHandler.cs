namespace GroundStation.Hal
{
    /// <summary>
    /// Called on an input edge. <paramref name="timestampMicroseconds"/> is the board's monotonic clock at the edge
    /// (as close as the board can get). Handlers run on the board's event thread: keep them short, never block.
    /// </summary>
    public delegate void PinEdgeHandler(int pinNumber, bool rising, long timestampMicroseconds);
}

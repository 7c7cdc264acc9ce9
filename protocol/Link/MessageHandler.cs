namespace GroundStation.Protocol
{
    /// <summary>
    /// Receives one message. The payload is only valid during the call (it lives in the decoder's or the receive
    /// window's buffer): copy what you keep.
    /// </summary>
    public delegate void MessageHandler(MessageType type, byte[] buffer, int offset, int count);
}

namespace GroundStation.Boards.Esp32
{
    /// <summary>Internal bias of an input. GPIO34-39 on the ESP32 have none: the board must fit external resistors.</summary>
    public enum InputPull
    {
        None = 0,
        Up = 1,
        Down = 2,
    }
}

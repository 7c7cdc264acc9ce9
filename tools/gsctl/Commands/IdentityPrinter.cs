using GroundStation.Host.Link;

namespace GroundStation.Gsctl.Commands;

/// <summary>Prints a device's identity the same way for every command that connects.</summary>
internal static class IdentityPrinter
{
    public static void Print(DeviceInfo device, string via)
    {
        Console.WriteLine($"connected via {via}");
        Console.WriteLine($"  name      {device.Name}");
        Console.WriteLine($"  firmware  {device.FirmwareVersion}");
        Console.WriteLine($"  board     {device.BoardName}");
        Console.WriteLine($"  protocol  {device.ProtocolMajor}.{device.ProtocolMinor}");
    }
}

namespace GroundStation.Tests.Protocol;

/// <summary>
/// The hex examples printed in protocol/README.md, computed independently (a few lines of Python implementing
/// CRC-16/CCITT-FALSE and COBS from their definitions); the framing tests check the C# output byte for byte.
/// </summary>
internal static class SpecExamples
{
    public const string HelloWire = "00 02 01 01 01 01 01 01 01 01 01 02 01 01 01 01 01 01 01 01 01 02 21 01 04 04 96 A2 00";
    public const string CommandWire = "00 02 10 01 01 01 01 02 05 01 01 02 07 08 2A 49 44 4E 3F 44 B2 00";
    public const string DataWire = "00 08 42 01 78 56 34 12 03 01 01 07 DE AD BE EF 65 D7 00";
}

namespace GroundStation.NanoGuard;

internal static class Placeholder
{
}

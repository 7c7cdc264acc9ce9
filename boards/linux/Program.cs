namespace GroundStation.Boards.Linux;

internal static class Program
{
    private static int Main() => 0;
}

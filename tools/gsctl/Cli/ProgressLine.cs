namespace GroundStation.Gsctl.Cli;

/// <summary>
/// A one-line percentage on stderr for long file operations, redrawn in place on a terminal and silent when
/// stderr is redirected (so logs and scripts see only the final summary).
/// </summary>
internal sealed class ProgressLine(string label) : IDisposable
{
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private int _lastPercent = -1;

    public void Report(double fraction)
    {
        var percent = (int)Math.Clamp(fraction * 100, 0, 100);
        if (!_enabled || percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        Console.Error.Write($"\r{label} {percent,3}%");
    }

    public void Dispose()
    {
        if (_enabled && _lastPercent >= 0)
        {
            Console.Error.Write("\r" + new string(' ', label.Length + 5) + "\r");
        }
    }
}

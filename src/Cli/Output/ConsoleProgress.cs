using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Output;

/// <summary>Shows how far a long scan has come on standard error, when standard error is a terminal.</summary>
internal sealed class ConsoleProgress : IProgress<LogScanProgress>, IDisposable
{
    private long _lastTicks;
    private bool _shown;

    private ConsoleProgress()
    {
    }

    public static ConsoleProgress? StartIfInteractive() => Console.IsErrorRedirected ? null : new ConsoleProgress();

    public void Report(LogScanProgress value)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastTicks) < 250)
        {
            return;
        }

        Interlocked.Exchange(ref _lastTicks, now);
        _shown = true;
        var text = value.BytesTotal > 0
            ? $"scanned {value.BytesRead / (1 << 20)} / {value.BytesTotal / (1 << 20)} MiB ({100.0 * value.BytesRead / value.BytesTotal:0}%)"
            : $"scanned {value.BytesRead / (1 << 20)} MiB";
        Console.Error.Write($"\r{text}   ");
    }

    public void Dispose()
    {
        if (_shown)
        {
            Console.Error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}

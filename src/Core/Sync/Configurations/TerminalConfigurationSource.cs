using Microsoft.Extensions.Primitives;

namespace PosFleet.Sync.Configurations;

/// <summary>Holds the terminal's applied configuration; the agent applies what a response carries.</summary>
internal sealed class TerminalConfigurationSource : ITerminalConfigurationSource, IDisposable
{
    private TerminalConfiguration? _current;
    private CancellationTokenSource _reload = new();

    public TerminalConfiguration? Current => Volatile.Read(ref _current);

    public event EventHandler<TerminalConfiguration>? Changed;

    public void Dispose() => _reload.Dispose();

    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref _reload).Token);

    /// <summary>Applies <paramref name="configuration"/> when it is newer than the current one; returns whether it did.</summary>
    public bool Apply(TerminalConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Current is { } current && current.Version >= configuration.Version)
        {
            return false;
        }

        Volatile.Write(ref _current, configuration);
        Changed?.Invoke(this, configuration);
        var previous = Interlocked.Exchange(ref _reload, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
        return true;
    }
}

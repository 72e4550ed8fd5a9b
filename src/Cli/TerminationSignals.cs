using System.Runtime.InteropServices;

namespace PosFleet.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for the whole run of the tool, registered before anything else so that no signal finds the
/// runtime's default handler: the first one cancels <see cref="Token"/> and the command stops at its next check, exiting
/// 130; a command that has not stopped within the grace period (an ingest still committing), or a second signal, ends the
/// process with 130 at once. SQLite rolls back a transaction that was not committed, so nothing is stored half.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TimeSpan _grace;
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public TerminationSignals(TimeSpan grace)
    {
        _grace = grace;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Canceled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal asked the tool to stop.</summary>
    public bool Received => Volatile.Read(ref _received) > 0;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process does not end here: the command sees the token and says what it did before it stops.
        context.Cancel = true;
        if (Interlocked.Increment(ref _received) > 1)
        {
            Stop($"interrupted again: stopped at once (exit {ExitCodes.Canceled}).");
            return;
        }

        _cancel.Cancel();
        _ = Task.Run(async () =>
        {
            await Task.Delay(_grace, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
            Stop($"interrupted: the command did not stop within {_grace.TotalSeconds:0} s and was ended (exit {ExitCodes.Canceled}).");
        });
    }

    private static void Stop(string message)
    {
        Console.Error.WriteLine($"posfleet: {message}");
        Environment.Exit(ExitCodes.Canceled);
    }
}

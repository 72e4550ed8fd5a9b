namespace PosFleet.Cli.Tests.Actions;

/// <summary><c>posfleet action queue|list|cancel</c> run as a process on a real back-office file.</summary>
public sealed class ActionCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task QueueListCancel_TwoTerminals_CollapsedListedCanceled()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-01", "--organization", "ACME");
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-02", "--organization", "ACME");

        var queue = await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--name", "clear-cache");
        var again = await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-01", "--name", "clear-cache");
        var list = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--list", "pending");
        var id = again.Stdout.Split(' ')[2];
        var fromOther = await PosFleetProcess.RunAsync("action", "cancel", "--store", BackOffice, "--organization", "OTHER", "--id", id);
        var cancel = await PosFleetProcess.RunAsync("action", "cancel", "--store", BackOffice, "--organization", "ACME", "--id", id);
        var twice = await PosFleetProcess.RunAsync("action", "cancel", "--store", BackOffice, "--organization", "ACME", "--id", id);
        var done = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--list", "done");

        Assert.Equal(0, queue.ExitCode);
        Assert.Equal(2, queue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("already pending", again.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, queue.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, fromOther.ExitCode);
        Assert.Contains($"There is no action {id} in organization 'OTHER'", fromOther.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, cancel.ExitCode);
        Assert.Equal(0, twice.ExitCode);
        Assert.Contains($"{id}  Canceled", done.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_TerminalOfAnotherOrganization_RefusedNothingQueued()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-09", "--organization", "OTHER");

        var queue = await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-09", "--name", "reset-database");
        var list = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "OTHER");

        Assert.Equal(2, queue.ExitCode);
        Assert.Contains("not enrolled in organization 'ACME'", queue.Stderr, StringComparison.Ordinal);
        Assert.Equal("", list.Stdout);
    }
}

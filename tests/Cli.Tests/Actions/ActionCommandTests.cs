using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;

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

    [Fact]
    public async Task List_LimitOutOfRange_UsageErrorNamingLimit()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-01", "--organization", "ACME");
        await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-01", "--name", "clear-cache");

        var zero = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--limit", "0");
        var huge = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--limit", "2147483647");
        var most = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--limit", "1000");

        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--limit must be from 1 to 1000 (it is 0)", zero.Stderr, StringComparison.Ordinal);
        Assert.Equal("", zero.Stdout);
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("--limit must be from 1 to 1000 (it is 2147483647)", huge.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, most.ExitCode);
        Assert.Contains("clear-cache", most.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AfterDelivery_ExitsTooLateAndTheActionStaysDelivered()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-01", "--organization", "ACME");
        var queue = await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-01", "--name", "clear-cache");
        var id = queue.Stdout.Split(' ')[1];
        await DeliverAsync("ACME", "till-01");

        var cancel = await PosFleetProcess.RunAsync("action", "cancel", "--store", BackOffice, "--organization", "ACME", "--id", id);
        var list = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--json");

        Assert.Equal(14, cancel.ExitCode);
        Assert.Contains($"Action {id} is Delivered", cancel.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Stdout);
        var action = Assert.Single(json.RootElement.GetProperty("actions").EnumerateArray());
        Assert.Equal(id, action.GetProperty("id").GetString());
        Assert.Equal("delivered", action.GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_Json_NewestFirstWithParametersHistoryAndTheNextCursor()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-01", "--organization", "ACME");
        await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-01", "--name", "clear-cache", "--timeout", "2m");
        await PosFleetProcess.RunAsync("action", "queue", "--store", BackOffice, "--organization", "ACME", "--terminal", "till-01", "--name", "reimport-order", "--param", "order=SO-1042");

        var first = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--limit", "1", "--json");
        using var firstPage = JsonDocument.Parse(first.Stdout);
        var next = firstPage.RootElement.GetProperty("next").GetString();
        var second = await PosFleetProcess.RunAsync("action", "list", "--store", BackOffice, "--organization", "ACME", "--limit", "1", "--after", next!, "--json");
        using var secondPage = JsonDocument.Parse(second.Stdout);

        Assert.Equal(0, first.ExitCode);
        var newest = Assert.Single(firstPage.RootElement.GetProperty("actions").EnumerateArray());
        Assert.Equal("reimport-order", newest.GetProperty("name").GetString());
        Assert.Equal("SO-1042", newest.GetProperty("parameters").GetProperty("order").GetString());
        Assert.Equal("pending", newest.GetProperty("state").GetString());
        Assert.Equal("till-01", newest.GetProperty("terminal").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("uploadedBytes").ValueKind);
        Assert.Equal("pending", Assert.Single(newest.GetProperty("history").EnumerateArray()).GetProperty("state").GetString());
        var oldest = Assert.Single(secondPage.RootElement.GetProperty("actions").EnumerateArray());
        Assert.Equal("clear-cache", oldest.GetProperty("name").GetString());
        Assert.Equal(120, oldest.GetProperty("timeoutSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, secondPage.RootElement.GetProperty("next").ValueKind);
    }

    /// <summary>The terminal's next exchange, as the back office records it: its pending actions become Delivered.</summary>
    private async Task DeliverAsync(string organization, string terminal)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(BackOffice).AddSyncBackOffice().AddActionsBackOffice();
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IRemoteActionStore>().DeliverAsync(organization, terminal, TimeProvider.System.GetUtcNow(), 10, default);
        }

        SqliteConnection.ClearAllPools();
    }
}

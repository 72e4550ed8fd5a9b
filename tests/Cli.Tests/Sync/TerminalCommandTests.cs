using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Cli.Tests.Sync;

/// <summary><c>posfleet terminal enrol|revoke|list|show</c> on real SQLite files, the tool run as a process.</summary>
public sealed class TerminalCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    [Fact]
    public async Task Enrol_ToStdout_PrintsCredentialOnceAndStoresOnlyItsHash()
    {
        var result = await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-07", "--organization", "ACME");

        Assert.Equal(0, result.ExitCode);
        var credential = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.StartsWith("pft1.", credential, StringComparison.Ordinal);
        Assert.DoesNotContain(credential, result.Stderr, StringComparison.Ordinal);
        var secret = credential[(credential.LastIndexOf('.') + 1)..];
        var stored = SyncFiles.Rows(BackOffice, "SELECT * FROM sync_terminal_credentials");
        var row = Assert.Single(stored);
        Assert.Contains("till-07", row, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
        foreach (var file in new[] { BackOffice, BackOffice + "-wal" }.Where(File.Exists))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)) < 0, $"the secret is in {file}");
        }
    }

    [Fact]
    public async Task Enrol_CredentialFile_WritesItOwnerOnlyAndNothingOnStdout()
    {
        var file = Path.Combine(_dir.Path, "till-07.credential");

        var result = await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-07", "--organization", "ACME", "--credential-file", file);

        Assert.Equal(0, result.ExitCode);
        var credential = (await File.ReadAllTextAsync(file)).Trim();
        Assert.StartsWith("pft1.", credential, StringComparison.Ordinal);
        Assert.DoesNotContain(credential, result.Stdout + result.Stderr, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Revoke_EnrolledTerminal_ListShowsItRevoked()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-07", "--organization", "ACME");
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-08", "--organization", "ACME");

        var revoke = await PosFleetProcess.RunAsync("terminal", "revoke", "--store", BackOffice, "--terminal", "till-07");
        var list = await PosFleetProcess.RunAsync("terminal", "list", "--store", BackOffice);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("till-07  ACME", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("till-08  ACME", StringComparison.Ordinal) && l.TrimEnd().EndsWith("active", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoke_UnknownTerminal_ExitCode2()
    {
        await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", "till-07", "--organization", "ACME");

        var result = await PosFleetProcess.RunAsync("terminal", "revoke", "--store", BackOffice, "--terminal", "till-99");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no enrolled terminal 'till-99'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_TerminalStore_PrintsCheckpointAndOutboxDepth()
    {
        var till = Path.Combine(_dir.Path, "till.db");
        await SyncFiles.CreateStoreWithHostTablesAsync(till);

        var result = await PosFleetProcess.RunAsync("terminal", "show", "--store", till, "--terminal", "till-07", "--organization", "ACME");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("checkpoint 0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("outbox 0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_AfterTheBackOfficeRejectedMessages_TillShowsItsRejectedAndBackOfficeItsDeadLetters()
    {
        var till = Path.Combine(_dir.Path, "till.db");
        var backOfficeServices = new ServiceCollection();
        backOfficeServices.AddPosFleet().AddSyncBackOffice().UseSqliteStorageFile(BackOffice); // no handler for "refund"
        await using (var backOffice = backOfficeServices.BuildServiceProvider())
        {
            var enrolment = await backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-07", "ACME");
            var tillServices = new ServiceCollection();
            tillServices.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-07", "ACME"))
                .AddSyncAgent(o => (o.Credential, o.ApplicationVersion, o.EnableBackground) = (enrolment.Credential, "34.0", false))
                .AddSyncInProcessTransport(backOffice.GetRequiredService<ISyncExchangeHandler>())
                .UseSqliteStorageFile(till);
            await using var terminal = tillServices.BuildServiceProvider();
            using var payload = JsonDocument.Parse("""{"ticket":1}""");
            await terminal.GetRequiredService<IOutbox>().EnqueueAsync(OutboxMessage.Create("refund", payload.RootElement, TimeProvider.System), default);
            await terminal.GetRequiredService<IOutbox>().EnqueueAsync(OutboxMessage.Create("refund", payload.RootElement, TimeProvider.System), default);
            Assert.Equal(2, (await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync()).Rejected);
        }

        SqliteConnection.ClearAllPools();
        var onTill = await PosFleetProcess.RunAsync("terminal", "show", "--store", till, "--terminal", "till-07", "--organization", "ACME");
        var onBackOffice = await PosFleetProcess.RunAsync("terminal", "show", "--store", BackOffice, "--terminal", "till-07", "--organization", "ACME");

        Assert.Equal((0, 0), (onTill.ExitCode, onBackOffice.ExitCode));
        Assert.Contains("outbox 0\n", onTill.Stdout, StringComparison.Ordinal);
        Assert.Contains("rejected 2\n", onTill.Stdout, StringComparison.Ordinal);
        Assert.Matches("rejected last: .*refund .*No handler is registered on the back office for outbox messages of type 'refund'", onTill.Stdout);
        Assert.DoesNotContain("dead letters", onTill.Stdout, StringComparison.Ordinal);
        Assert.Contains("dead letters 2\n", onBackOffice.Stdout, StringComparison.Ordinal);
        Assert.Matches("dead letters last: .*refund .*type 'refund'", onBackOffice.Stdout);
    }

    [Fact]
    public async Task Show_MissingStore_ExitCode5NothingCreated()
    {
        var till = Path.Combine(_dir.Path, "nowhere.db");

        var result = await PosFleetProcess.RunAsync("terminal", "show", "--store", till, "--terminal", "till-07", "--organization", "ACME");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(till));
    }
}

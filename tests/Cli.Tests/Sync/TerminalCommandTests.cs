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
    public async Task Show_MissingStore_ExitCode5NothingCreated()
    {
        var till = Path.Combine(_dir.Path, "nowhere.db");

        var result = await PosFleetProcess.RunAsync("terminal", "show", "--store", till, "--terminal", "till-07", "--organization", "ACME");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(till));
    }
}

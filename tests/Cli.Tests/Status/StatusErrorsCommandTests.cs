using System.Text.Json;

namespace PosFleet.Cli.Tests.Status;

/// <summary><c>posfleet status errors</c> on a real SQLite file, the tool run as a process: a terminal's sync error history, table, JSON, pages.</summary>
public sealed class StatusErrorsCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Store => Path.Combine(_dir.Path, "backoffice.db");

    public Task InitializeAsync() => StatusBoardFile.CreateAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StatusErrors_Json_TheTerminalsErrorsNewestFirst()
    {
        var result = await PosFleetProcess.RunAsync("status", "errors", "--store", Store, "--terminal", "acme-04", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        var errors = root.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(
            ["The back office could not be reached: Connection refused (bo.example:443)", "HTTP 503 from bo.example", "TLS handshake failed\u001b[31m"],
            errors.Select(e => e.GetProperty("error").GetString()));
        Assert.All(errors, e => Assert.Equal("ACME", e.GetProperty("organization").GetString()));
        Assert.Equal(StatusBoardFile.AsOf.AddMinutes(-2), errors[0].GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task StatusErrors_LimitAndAfter_PagesThroughEveryErrorOnce()
    {
        var first = await PosFleetProcess.RunAsync("status", "errors", "--store", Store, "--terminal", "acme-04", "--limit", "2");
        var cursor = first.Stdout.Split('\n').Single(l => l.StartsWith("More: --after ", StringComparison.Ordinal))["More: --after ".Length..].Trim();
        var second = await PosFleetProcess.RunAsync("status", "errors", "--store", Store, "--terminal", "acme-04", "--limit", "2", "--after", cursor);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("Connection refused", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 errors.", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        // The escape character a terminal wrote is shown escaped, never sent to the console as it is.
        Assert.Contains("TLS handshake failed\\u001B[31m", second.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\u001b', second.Stdout);
        Assert.DoesNotContain("HTTP 503", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 errors.", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("More:", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusErrors_OtherOrganizationNamed_NoErrors()
    {
        var result = await PosFleetProcess.RunAsync("status", "errors", "--store", Store, "--terminal", "acme-04", "--organization", "BRAVO", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("errors").EnumerateArray());
    }

    [Theory]
    [InlineData("--terminal acme-04 --limit 0", 2, "Limit is 0")]
    [InlineData("--terminal acme-04 --after garbage", 2, "not a cursor")]
    [InlineData("--limit 5", 2, "--terminal")]
    public async Task StatusErrors_BadValue_ExitCodeAndWhy(string arguments, int exitCode, string why)
    {
        var result = await PosFleetProcess.RunAsync(["status", "errors", "--store", Store, .. arguments.Split(' ')]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(why, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusErrors_MissingStore_Exit5AndNothingCreated()
    {
        var missing = Path.Combine(_dir.Path, "nothing.db");

        var result = await PosFleetProcess.RunAsync("status", "errors", "--store", missing, "--terminal", "acme-04");

        Assert.Equal(5, result.ExitCode);
        Assert.False(File.Exists(missing));
    }
}

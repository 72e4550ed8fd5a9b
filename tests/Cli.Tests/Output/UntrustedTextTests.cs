using Microsoft.Data.Sqlite;
using MimeKit;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Output;

/// <summary>
/// Log text is written by whoever can reach a till: an escape sequence in it (here an OSC that retitles the operator's
/// terminal, a CSI that clears it, a C1 CSI and a right-to-left override) is shown as <c>\uXXXX</c> by every text
/// output of the tool and in the digest, never sent raw.
/// </summary>
public sealed class UntrustedTextTests : IDisposable
{
    /// <summary>The characters that must never reach a terminal or a mail reader raw.</summary>
    private static readonly char[] Hostile = ['\u001b', '\u0007', '\u009b', '\u202e'];

    private static readonly string Log = string.Concat(Enumerable.Range(1, 6).Select(i =>
        $"2026-11-20T05:{i:00}:00.000Z [ERROR] term=POS-1\u001b]0;pwned\u0007 org=ACME printer: paper out \u001b[2J\u009b31m \u202egnp.exe ref=T-{i}\n"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    [Fact]
    public async Task Scan_LogLineWithEscapeSequences_TableShowsThemEscaped()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("till.log", Log));

        Assert.True(code == 0, stderr);
        AssertNoRawControl(stdout + stderr);
        Assert.Contains(@"POS-1\u001b]0;p", stdout, StringComparison.Ordinal);
        Assert.Contains(@"paper out \u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_LogLineWithEscapeSequences_JsonEscapesThem()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("till.log", Log), "--json");
        var lines = await PosFleetProcess.RunAsync("scan", _dir.File("till.log", Log), "--emit", "lines");

        Assert.True(code == 0, stderr);
        Assert.True(lines.ExitCode == 0, lines.Stderr);
        AssertNoRawControl(stdout + lines.Stdout);
        Assert.Contains(@"POS-1\u001B]0;pwned\u0007", lines.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndDashboard_StoredEscapeSequences_ShowThemEscaped()
    {
        await IngestAsync();

        var search = await PosFleetProcess.RunAsync("search", "--store", Db, "paper");
        var dashboard = await PosFleetProcess.RunAsync("dashboard", "--store", Db, "--as-of", "2026-11-20T07:00:00Z");

        Assert.True(search.ExitCode == 0, search.Stderr);
        Assert.True(dashboard.ExitCode == 0, dashboard.Stderr);
        AssertNoRawControl(search.Stdout + search.Stderr + dashboard.Stdout + dashboard.Stderr);
        Assert.Contains(@"paper out \u001b[2J\u009b31m \u202egnp.exe", search.Stdout, StringComparison.Ordinal);
        Assert.Contains(@"POS-1\u001b]0;p", dashboard.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestRun_StoredEscapeSequences_PickupMessageCarriesThemEscapedInBothParts()
    {
        await IngestAsync();
        var add = await PosFleetProcess.RunAsync(
            "digest", "add", "--store", Db, "--name", "acme", "--recipients", "ops@example.com", "--kinds", "fail", "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.Stderr);
        var pickup = Path.Combine(_dir.Path, "mail");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(
            "digest", "run", "--store", Db, "--subscription", "acme", "--now", "--as-of", "2026-11-20T07:00:00Z", "--pickup", pickup);

        Assert.True(code == 0, stderr);
        AssertNoRawControl(stdout + stderr);
        var eml = Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        var message = await MimeMessage.LoadAsync(eml);
        AssertNoRawControl(Assert.IsType<string>(message.TextBody));
        AssertNoRawControl(Assert.IsType<string>(message.HtmlBody));
        AssertNoRawControl(await File.ReadAllTextAsync(eml));
        Assert.Contains(@"POS-1\u001b]0;pwned\u0007", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(@"\u202egnp.exe", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestList_StoreWrittenByAnotherToolWithABccLineInAnId_PrintsItOnOneLineEscaped()
    {
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "acme", "--recipients", "ops@example.com", "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.Stderr);
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE digest_subscriptions SET id = $id;";
            update.Parameters.AddWithValue("$id", "acme\r\nBcc: evil@example.com\u001b]0;pwned\u0007");
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("digest", "list", "--store", Db);

        Assert.True(code == 0, stderr);
        AssertNoRawControl(stdout);
        var line = Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        Assert.StartsWith(@"acme\u000d\u000aBcc: evil@example.com\u001b]0;pwned\u0007  threshold", line, StringComparison.Ordinal);
    }

    private static void AssertNoRawControl(string text) =>
        Assert.False(text.IndexOfAny(Hostile) >= 0, $"raw control character in: {DisplayText.Escape(text)}");

    private async Task IngestAsync()
    {
        var ingest = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", Db);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        AssertNoRawControl(ingest.Stdout + ingest.Stderr);
    }
}

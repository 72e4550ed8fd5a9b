using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet digest</c> run as a user would: a real SQLite store, messages written to a pickup folder.</summary>
public sealed class DigestCommandTests : IDisposable
{
    // 9 errors between 05:00 and 06:00 UTC on 2026-11-20, inside the window that ends at 08:00 Madrid (07:00 UTC).
    private static readonly string Log = string.Concat(Enumerable.Range(1, 9).Select(i =>
        $"2026-11-20T05:{i:00}:00.000Z [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-{i}\n"));

    private const string AfterSend = "2026-11-20T07:30:00Z";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    private string Pickup => Path.Combine(_dir.Path, "mail");

    private async Task AddAsync(string name, int threshold, params string[] extra)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync(
            ["digest", "add", "--store", Db, "--name", name, "--recipients", "ana@example.es, ops@example.com", "--threshold", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--kinds", "error,offline", "--send-at", "08:00", "--time-zone", "Europe/Madrid", .. extra]);
        Assert.True(code == 0, stderr);
    }

    private async Task IngestAsync()
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", Db);
        Assert.True(code == 0, stderr);
    }

    private string[] Messages() => Directory.Exists(Pickup) ? Directory.GetFiles(Pickup, "*.eml") : [];

    [Fact]
    public async Task Run_AboveThreshold_WritesOneMessageInItsLanguage_AndARerunSendsNothing()
    {
        await IngestAsync();
        await AddAsync("madrid", 5, "--culture", "es");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "madrid", "--as-of", AfterSend, "--pickup", Pickup);
        var again = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "madrid", "--as-of", "2026-11-20T07:40:00Z", "--pickup", Pickup);

        Assert.True(code == 0, stderr);
        Assert.Contains("count 9 (threshold 5)  sent", stdout, StringComparison.Ordinal);
        var message = File.ReadAllText(Assert.Single(Messages()));
        Assert.Contains("Subject: madrid: 9 errores", message, StringComparison.Ordinal);
        Assert.Equal(10, again.ExitCode);
        Assert.Single(Messages());
    }

    [Fact]
    public async Task Run_BelowThreshold_SendsNothing_Exits10_AndHistorySaysWhy()
    {
        await IngestAsync();
        await AddAsync("quiet", 50);

        var (code, _, _) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "quiet", "--as-of", AfterSend, "--pickup", Pickup);
        var history = await PosFleetProcess.RunAsync("digest", "history", "--store", Db, "--subscription", "quiet");

        Assert.Equal(10, code);
        Assert.Empty(Messages());
        Assert.Contains("count 9 (threshold 50)  not sent: below threshold", history.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NowWithTest_SendsEvenBelowThreshold_WithATestSubject()
    {
        await AddAsync("quiet", 50);

        var (code, _, stderr) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "quiet", "--now", "--test", "--pickup", Pickup);

        Assert.True(code == 0, stderr);
        Assert.Contains("Subject: [TEST]", File.ReadAllText(Assert.Single(Messages())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnreachableSmtpServer_Exits11_AndHistoryShowsThePendingRetryAndWhy()
    {
        await IngestAsync();
        await AddAsync("ops", 1);

        var (code, _, _) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "ops", "--as-of", AfterSend, "--smtp", "127.0.0.1:1", "--smtp-security", "none");
        var history = await PosFleetProcess.RunAsync("digest", "history", "--store", Db);

        Assert.Equal(11, code);
        Assert.Contains("ops@example.com: pending retry at", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused", history.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddListRemove_ManageSubscriptions_AndABadAddressIsRefused()
    {
        await AddAsync("ops", 5, "--inactive", "--culture", "it");

        var bad = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "x", "--recipients", "ana@, ops@example.com");
        var list = await PosFleetProcess.RunAsync("digest", "list", "--store", Db);
        var removed = await PosFleetProcess.RunAsync("digest", "remove", "--store", Db, "--name", "ops");
        var missing = await PosFleetProcess.RunAsync("digest", "remove", "--store", Db, "--name", "ops");

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'ana@' is not a valid e-mail address", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("ops  threshold 5  kinds error,offline  at 08:00 Europe/Madrid", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("inactive", list.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, 2), (removed.ExitCode, missing.ExitCode));
    }

    [Fact]
    public async Task Run_PasswordAsAFlag_IsNotAccepted()
    {
        await AddAsync("ops", 1);

        var (code, _, stderr) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "ops", "--smtp", "127.0.0.1:1", "--smtp-password", "secret");

        Assert.Equal(2, code);
        Assert.Contains("--smtp-password", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndRun_BadRecipientBadFromOrBadTimeZone_AllExitWithUsage2()
    {
        await AddAsync("ops", 1);

        var recipient = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "x", "--recipients", "ana@");
        var zone = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "x", "--recipients", "ana@example.es", "--time-zone", "Mars/Olympus");
        var from = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "ops", "--now", "--test", "--pickup", Pickup, "--from", "fleet@");

        Assert.Equal((2, 2, 2), (recipient.ExitCode, zone.ExitCode, from.ExitCode));
        Assert.Contains("'ana@' is not a valid e-mail address", recipient.Stderr, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus' is not a known IANA time zone", zone.Stderr, StringComparison.Ordinal);
        Assert.Contains("--from 'fleet@' is not a valid e-mail address", from.Stderr, StringComparison.Ordinal);
        Assert.Empty(Messages());
    }

    [Fact]
    public async Task AddThenRun_Pickup_NonAsciiLocalPart_IsAcceptedWithANoteAndWrittenIntoTheMessage()
    {
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "intl", "--recipients", "josé@example.com");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("digest", "run", "--store", Db, "--subscription", "intl", "--now", "--test", "--pickup", Pickup);

        Assert.True((add.ExitCode, code) == (0, 0), add.Stderr + stdout + stderr);
        Assert.Contains("note: 'josé@example.com' has a non-ASCII local part: an SMTP server that does not offer SMTPUTF8 cannot take it", add.Stderr, StringComparison.Ordinal);
        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Messages()));
        Assert.Equal("josé@example.com", Assert.Single(message.To.Mailboxes).Address);
    }
}

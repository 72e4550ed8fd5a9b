using MimeKit;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet digest run --rules FILE</c>: the hints of a rules file show in the subscription's language, as the built-in ones do.</summary>
public sealed class DigestRunRulesTests : IDisposable
{
    private const string Hint = "Recalibrate the scale from the maintenance menu.";
    private const string SpanishHint = "Recalibre la balanza desde el menu de mantenimiento.";

    private static readonly string Log = string.Concat(Enumerable.Range(1, 6).Select(i =>
        $"2026-11-20T05:{i:00}:00.000Z [ERROR] term=POS-0001 org=ACME scale: scale {i} needs calibration ref=T-{i}\n"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    private string Pickup => Path.Combine(_dir.Path, "mail");

    private string Rules => _dir.File("rules.json", $$"""
        { "rules": [ { "name": "scale-drift", "keywords": ["needs calibration"], "kind": "fail",
                       "hint": "{{Hint}}", "hints": { "es": "{{SpanishHint}}" } } ] }
        """);

    [Fact]
    public async Task Run_RulesFileWithASpanishHint_SpanishDigestShowsTheTranslation()
    {
        await IngestAndSubscribeAsync();

        var (code, _, stderr) = await PosFleetProcess.RunAsync(
            "digest", "run", "--store", Db, "--subscription", "madrid", "--now", "--as-of", "2026-11-20T07:00:00Z", "--pickup", Pickup, "--rules", Rules);

        Assert.True(code == 0, stderr);
        var body = (await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(Pickup, "*.eml")))).TextBody;
        Assert.Contains(SpanishHint, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Hint, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RulesFileNotJson_ExitCode4OneLineNamingTheFileAndNothingSent()
    {
        await IngestAndSubscribeAsync();
        var bad = _dir.File("bad.json", "{ \"rules\": [ { \"name\": ");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(
            "digest", "run", "--store", Db, "--subscription", "madrid", "--now", "--as-of", "2026-11-20T07:00:00Z", "--pickup", Pickup, "--rules", bad);
        var history = await PosFleetProcess.RunAsync("digest", "history", "--store", Db);

        Assert.Equal(4, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("posfleet: ", line, StringComparison.Ordinal);
        Assert.Contains(bad, line, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(Pickup) && Directory.EnumerateFiles(Pickup).Any());
        Assert.Contains("No digest has run yet.", history.Stdout, StringComparison.Ordinal);
    }

    private async Task IngestAndSubscribeAsync()
    {
        var ingest = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", Db, "--rules", Rules);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var add = await PosFleetProcess.RunAsync(
            "digest", "add", "--store", Db, "--name", "madrid", "--recipients", "ana@example.es", "--kinds", "fail", "--culture", "es", "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.Stderr);
    }
}

using System.Text.Json;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>A rule may say where its error comes from; the origin is read from the rules file, checked, and carried to each line it classifies.</summary>
public sealed class RuleOriginTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_RuleWithOrigin_CarriesItToClassifiedLinesOnly()
    {
        var options = Options(RulesJson(new { name = "fiscal-fault", keywords = new[] { "fiscal fault" }, kind = "error", origin = "fiscal printer" }));

        var entries = await Scan(options, "2026-11-20T10:00:00Z [INFO] term=T1 fiscal: Fiscal fault 7", "2026-11-20T10:00:01Z [INFO] term=T1 printer offline");

        Assert.Equal("fiscal-fault", entries[0].Rule);
        Assert.Equal("fiscal printer", entries[0].Origin);
        Assert.Equal("printer-offline", entries[1].Rule);
        Assert.Null(entries[1].Origin);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fiscal\u001b]0;x\u0007printer")]
    [InlineData("fiscal\u202eprinter")]
    public void Load_OriginEmptyOrWithControlCharacters_IsRefusedNamingRule(string origin)
    {
        var path = _dir.File("rules.json", RulesJson(new { name = "paper", keywords = new[] { "paper" }, origin }));

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Load(path));

        Assert.Contains("('paper')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"origin\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OriginOverAHundredCharacters_IsRefused()
    {
        var path = _dir.File("rules.json", RulesJson(new { name = "paper", keywords = new[] { "paper" }, origin = new string('x', 101) }));

        Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Load(path));
    }

    [Fact]
    public void Resolve_CodeRuleWithControlCharacterInOrigin_IsRefused()
    {
        var options = new LogScanOptions();
        options.Classification.Rules.Add(new ClassificationRule { Name = "x", Keywords = ["x"], Origin = "drv\u0007" });

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Resolve(options.Classification));

        Assert.Contains("LogClassificationOptions.Rules[0] ('x')", ex.Message, StringComparison.Ordinal);
    }

    private LogScanOptions Options(string json)
    {
        var options = new LogScanOptions();
        options.Classification.RulesFile = _dir.File("rules.json", json);
        return options;
    }

    private static string RulesJson(params object[] rules) => JsonSerializer.Serialize(new { rules });

    private async Task<List<LogEntry>> Scan(LogScanOptions options, params string[] lines)
    {
        var log = _dir.File($"{Guid.NewGuid():n}.log", string.Join("\n", lines) + "\n");
        var entries = new List<LogEntry>();
        await TestLogs.Scanner(options).ReadEntriesAsync([log], entries.Add);
        return entries;
    }
}

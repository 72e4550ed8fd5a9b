using System.Globalization;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// A line of a shape the scanner met before (its message the same but for its digits, its level and its component the
/// same) is classified as that one was, where the rules allow it: every line's kind, severity and rule are what the rules
/// give it on its own, when one message comes at levels and from components that the rules tell apart, and when the
/// rules read digits (a keyword holding one, a pattern), which turns the shortcut off.
/// </summary>
public sealed class ClassificationByShapeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

    // The built-in rules, and one that takes a component into account.
    private static readonly ClassificationRule Jammed = new()
    {
        Name = "printer-jammed", Keywords = ["paper jammed"], Components = ["printer"], Kind = LogKind.Fail,
    };

    [Fact]
    public void ClassifiesByShape_DigitInAKeywordOrAnyPattern_IsOff()
    {
        Assert.True(new LogClassifier([.. DefaultClassificationRules.All, Jammed]).ClassifiesByShape);
        Assert.False(new LogClassifier([.. DefaultClassificationRules.All, new() { Name = "e42", Keywords = ["code E42"], Kind = LogKind.Error }]).ClassifiesByShape);
        Assert.False(new LogClassifier([.. DefaultClassificationRules.All, new() { Name = "p", Keywords = ["refused"], Pattern = "refused", Kind = LogKind.Error }]).ClassifiesByShape);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Scan_OneMessageAtManyLevelsAndComponents_EveryLineClassifiedAsTheRulesSay(int seed)
    {
        // The built-in "sync-timeout" rule holds only at warning- and error-class levels, "printer-jammed" only from the
        // printer: the same message (its digits aside) is a Retry at WARN and nothing at INFO, a Fail from the printer and
        // nothing from the scanner. A shape kept without its level or component would give each line the first one's answer.
        var log = Log(seed, 4_000);
        var classifier = new LogClassifier([.. DefaultClassificationRules.All, Jammed]);
        Assert.True(classifier.ClassifiesByShape);

        var entries = Scan(log, classifier);

        Assert.Equal(Expected(log, classifier), entries);
        Assert.Contains(entries, e => e.Kind == LogKind.Retry);
        Assert.Contains(entries, e => e.Kind == LogKind.Fail && e.Rule == "printer-jammed");
        Assert.Contains(entries, e => e.Kind == LogKind.None && e.Message.Contains("timed out", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Kind == LogKind.None && e.Message.Contains("paper jammed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false, false, false, false)]
    [InlineData(false, true, false, false, false)]
    [InlineData(true, false, false, false, false)]
    [InlineData(true, true, true, false, false)]
    [InlineData(false, false, true, false, false)]
    [InlineData(false, false, false, true, false)]
    [InlineData(false, true, true, true, false)]
    [InlineData(false, false, false, false, true)]
    [InlineData(false, false, true, false, true)]
    public void Scan_ByShape_CountsWhatAScanThatClassifiesEveryLineCounts(bool wide, bool filtered, bool entries, bool cut, bool manyShapes)
    {
        // The same rules with one more that never applies but has a pattern, which turns classification by shape off: both
        // scans must count alike, every template with its kind, severity, rule and count. With more than 64 keywords (the
        // exact search past the summary mask), with a text filter that selects some lines of a shape and not others (a
        // shape first met unselected), and with every line read by the loop that classifies it or most by the plain loop.
        // Cut: two blocks, the second cut by the window's end, where no keyword marks are made and every line's shape is
        // looked up (shapes remembered in the first block by selected lines that were not looked up are read there).
        // Many shapes: more than the cache holds, so that it fills and stops looking.
        ClassificationRule[] rules = [.. DefaultClassificationRules.All, Jammed];
        if (wide)
        {
            rules = [.. rules, new() { Name = "many", Keywords = [.. Enumerable.Range(0, 70).Select(i => $"keyword{(char)('a' + (i % 26))}{(char)('a' + (i / 26))}x")], Kind = LogKind.Error }];
        }

        var inert = new ClassificationRule { Name = "inert", Keywords = ["never written"], Pattern = "never", Kind = LogKind.Error };
        var byShape = new LogClassifier(rules);
        var everyLine = new LogClassifier([.. rules, inert]);
        Assert.True(byShape.ClassifiesByShape);
        Assert.False(everyLine.ClassifiesByShape);
        Assert.Equal(wide, byShape.IsWide);
        var filter = new LogScanFilter { Text = filtered ? "tray 7" : null, To = cut ? Start.AddHours(3) : null };
        var log = Log(3, 6_000, manyShapes);

        var expected = ScanAggregate(log, everyLine, filter, entries, cut);
        var actual = ScanAggregate(log, byShape, filter, entries, cut);

        Assert.Equal(expected.LinesInScope, actual.LinesInScope);
        Assert.Equal(expected.Selected, actual.Selected);
        Assert.Equal(expected.Kinds, actual.Kinds);
        Assert.Equal(expected.Severities, actual.Severities);
        Assert.Equal(
            expected.Templates.Select(t => (t.Key, t.Value.Template, t.Value.Kind, t.Value.Severity, t.Value.RuleIndex, t.Value.Count)).OrderBy(t => t.Key),
            actual.Templates.Select(t => (t.Key, t.Value.Template, t.Value.Kind, t.Value.Severity, t.Value.RuleIndex, t.Value.Count)).OrderBy(t => t.Key));
        Assert.True(actual.Selected > 50, $"selected {actual.Selected}");
        Assert.Contains(actual.Templates.Values, t => t.Kind == LogKind.Fail);
    }

    [Fact]
    public void Scan_KeywordHoldingADigit_TellsMessagesOfOneShapeApart()
    {
        // "code E42" and "code E43" differ only in a digit: with a keyword that reads it, each is classified on its own.
        var classifier = new LogClassifier([.. DefaultClassificationRules.All, new() { Name = "e42", Keywords = ["code E42"], Kind = LogKind.Error }]);
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 6).Select(i =>
            $"2026-11-17T00:00:0{i}.000Z [INFO] term=POS-0001 org=o reader: code E4{2 + (i % 2)} seen\n")));

        var entries = Scan(log, classifier);

        Assert.Equal([LogKind.Error, LogKind.None, LogKind.Error, LogKind.None, LogKind.Error, LogKind.None], entries.Select(e => e.Kind));
    }

    [Fact]
    public void Scan_PatternReadingDigits_TellsMessagesOfOneShapeApart()
    {
        var classifier = new LogClassifier([new() { Name = "refused-1", Keywords = ["refused"], Pattern = "refused 1$", Kind = LogKind.Offline }]);
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4).Select(i =>
            $"2026-11-17T00:00:0{i}.000Z [INFO] term=POS-0001 org=o sync: connection refused {1 + (i % 2)}\n")));

        var entries = Scan(log, classifier);

        Assert.Equal([LogKind.Offline, LogKind.None, LogKind.Offline, LogKind.None], entries.Select(e => e.Kind));
    }

    private static ScanAggregate ScanAggregate(byte[] log, LogClassifier classifier, LogScanFilter filter, bool entries, bool cut)
    {
        var plan = new ScanPlan(new LogScanOptions(), classifier, filter, Start.Year, entries ? _ => { } : null, emitAll: entries);
        var scanner = new BlockScanner(plan);
        var middle = cut ? Array.IndexOf(log, (byte)'\n', log.Length / 2) + 1 : log.Length;
        scanner.Scan(log.AsSpan(0, middle), LogFormats.Iso, 0, 0, middle == log.Length, "pos.log", 1);
        if (middle < log.Length)
        {
            scanner.Scan(log.AsSpan(middle), LogFormats.Iso, 0, 1, true, "pos.log", 1);
        }

        return scanner.Complete();
    }

    private static List<(LogKind Kind, LogSeverity Severity, string? Rule, string Message)> Scan(byte[] log, LogClassifier classifier)
    {
        // Every line handed over as an entry: every line goes through the loop that classifies it.
        var entries = new List<(LogKind, LogSeverity, string?, string)>();
        var plan = new ScanPlan(new LogScanOptions(), classifier, new LogScanFilter(), Start.Year, e => entries.Add((e.Kind, e.Severity, e.Rule, e.Message)), emitAll: true);
        var scanner = new BlockScanner(plan);
        scanner.Scan(log, LogFormats.Iso, 0, 0, true, "pos.log", 1);
        scanner.Complete();
        return entries;
    }

    /// <summary>Each line classified on its own, by the rules and the line's own keywords.</summary>
    private static List<(LogKind, LogSeverity, string?, string)> Expected(byte[] log, LogClassifier classifier)
    {
        var expected = new List<(LogKind, LogSeverity, string?, string)>();
        foreach (var line in Encoding.UTF8.GetString(log).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var level = line[(line.IndexOf('[') + 1)..line.IndexOf(']')];
            var rest = line[(line.IndexOf(" org=", StringComparison.Ordinal) + 1)..];
            rest = rest[(rest.IndexOf(' ') + 1)..];
            var component = rest[..rest.IndexOf(':')];
            var message = rest[(component.Length + 2)..];
            var (levelKind, levelSeverity) = LevelTable.Lookup8(Encoding.UTF8.GetBytes(level));
            var bytes = Encoding.UTF8.GetBytes(message);
            var c = classifier.Classify(levelKind, levelSeverity, Encoding.UTF8.GetBytes(level), Encoding.UTF8.GetBytes(component), bytes, classifier.FindKeywords(bytes));
            expected.Add((c.Kind, c.Severity, c.RuleIndex >= 0 ? classifier.Rules[c.RuleIndex].Name : null, message));
        }

        return expected;
    }

    private static byte[] Log(int seed, int lines, bool manyShapes = false)
    {
        var random = new Random(seed);
        string[] levels = ["INFO", "INFO", "WARN", "ERROR", "DEBUG", "RETRY"];
        string[] messages =
        [
            "sync: the request timed out after {0} ms",
            "sync: the request TIMED OUT after {0} ms",
            "sync: timeout{0} reached",
            "payment: CARD DECLINED by issuer {0}",
            "printer: paper jammed at tray {0}",
            "scanner: paper jammed at tray {0}",
            "payment: card declined by issuer {0}",
            "tickets: ticket closed ref=T-{0} total=34.51 EUR items=3",
        ];
        var text = new StringBuilder();
        var time = Start;
        for (var i = 0; i < lines; i++)
        {
            time = time.AddMilliseconds(random.Next(1, 4000));
            var message = string.Format(CultureInfo.InvariantCulture, messages[random.Next(messages.Length)], random.Next(1_000))
                + (manyShapes ? $" session {string.Concat(Enumerable.Range(0, 5).Select(_ => (char)random.Next('a', 'z' + 1)))}" : "");
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z [{levels[random.Next(levels.Length)]}] term=POS-{random.Next(40):D4} org=org-{random.Next(3)} {message}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

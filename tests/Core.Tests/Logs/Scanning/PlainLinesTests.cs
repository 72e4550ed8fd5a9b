using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The POS lines that their timestamp and level tell whole are counted by a loop of their own; a scan that hands every
/// line over as an entry reads them all in the loop that reads every kind of line. Both must count the same: on a log
/// full of the lines the first loop must leave to the second (CRLF, blank, continuation, over-long, at the length limit
/// and one byte over it with and without a return, non-ASCII, NUL, untimed and unparsable lines, keywords in lines of
/// any level, lines out of time order, leap seconds, a <c>]</c> where the level reader takes it first, the last line
/// with or without its newline), with no window, one of whole hours and one whose ends fall inside a minute, in one block
/// and cut into several.
/// </summary>
public sealed class PlainLinesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<int, string, bool> Cases()
    {
        var data = new TheoryData<int, string, bool>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            foreach (var window in new[] { "none", "hours", "mid-minute" })
            {
                foreach (var newlineAtEnd in new[] { false, true })
                {
                    data.Add(seed, window, newlineAtEnd);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scan_PlainLinesLoop_CountsWhatTheLoopOverEveryLineCounts(int seed, string window, bool newlineAtEnd)
    {
        var log = Log(seed, 6_000, newlineAtEnd);
        var filter = window switch
        {
            "hours" => new LogScanFilter { From = Start.AddHours(2), To = Start.AddHours(5) },
            "mid-minute" => new LogScanFilter { From = Start.AddHours(2).AddSeconds(30.5), To = Start.AddHours(5).AddSeconds(10) },
            _ => new LogScanFilter(),
        };
        foreach (var blocks in new[] { 1, 7 })
        {
            var plain = Scan(log, filter, blocks, entries: false);
            var general = Scan(log, filter, blocks, entries: true);

            Assert.Equal(general.Lines, plain.Lines);
            Assert.Equal(general.LinesInScope, plain.LinesInScope);
            Assert.Equal(general.Selected, plain.Selected);
            Assert.Equal(general.Malformed, plain.Malformed);
            Assert.Equal(general.OverLong, plain.OverLong);
            Assert.Equal(general.Untimed, plain.Untimed);
            Assert.Equal(general.Continuation, plain.Continuation);
            Assert.Equal(general.Kinds, plain.Kinds);
            Assert.Equal(general.Severities, plain.Severities);
            Assert.Equal(general.Levels.OrderBy(l => l.Key), plain.Levels.OrderBy(l => l.Key));
            Assert.Equal(general.FirstMalformed, plain.FirstMalformed);
            Assert.Equal(general.FirstOverLong, plain.FirstOverLong);
            Assert.Equal(
                general.Templates.Select(t => (t.Key, t.Value.Count, t.Value.FirstTicks, t.Value.LastTicks)).OrderBy(t => t.Key),
                plain.Templates.Select(t => (t.Key, t.Value.Count, t.Value.FirstTicks, t.Value.LastTicks)).OrderBy(t => t.Key));

            // Not a log the first loop reads whole: what the comparison is worth depends on its lines reaching both loops.
            Assert.True(
                plain.Continuation > 0 && plain.OverLong > 0 && plain.Malformed > 0 && plain.Untimed > 0,
                $"continuation {plain.Continuation}, over-long {plain.OverLong}, malformed {plain.Malformed}, untimed {plain.Untimed}");
            Assert.True(plain.LinesInScope > plain.Selected * 3 / 2, $"in scope {plain.LinesInScope}, selected {plain.Selected}");
        }
    }

    /// <summary>
    /// A minute that a window's end or start cuts (or, in the last case, a window that starts on a minute), in a block whose
    /// first and last lines are inside the window (so that the block is read with the keyword marks): the lines of a cut
    /// minute, out of time order, are read one by one, never counted by their minute alone.
    /// </summary>
    [Theory]
    [InlineData("10:00:01", "10:00:40", "10:00:05", "09:00:00", "10:00:30", 2)]
    [InlineData("10:00:50", "10:00:10", "10:00:55", "10:00:30", "11:00:00", 2)]
    [InlineData("10:00:01", "10:00:40", "10:00:05", "09:00:00", "10:01:00", 3)]
    [InlineData("10:00:01", "10:00:59.999", "10:00:05", "09:00:00", "10:00:59.999", 2)]
    [InlineData("10:00:50", "09:59:59.999", "10:00:55", "10:00:00", "11:00:00", 2)]
    public void Scan_MinuteCutByTheWindow_CountsOnlyItsLinesInsideTheWindow(string first, string second, string third, string from, string to, int inScope)
    {
        var log = Encoding.UTF8.GetBytes(string.Concat(
            new[] { first, second, third }.Select(t => $"2026-11-17T{(t.Contains('.', StringComparison.Ordinal) ? t : t + ".000")}Z [INFO] term=POS-0001 org=org-1 tickets: ticket closed ref=T-1\n")));
        var filter = new LogScanFilter { From = At(from), To = At(to) };

        var plain = Scan(log, filter, 1, entries: false);
        var general = Scan(log, filter, 1, entries: true);

        Assert.Equal(inScope, plain.LinesInScope);
        Assert.Equal(inScope, general.LinesInScope);
        Assert.Equal(general.Levels, plain.Levels);

        static DateTimeOffset At(string time) => Start.Add(TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A keyword right after the pairs, in lines of a level that is not selected: the keyword's marks are looked for from
    /// where the message starts, which the pairs (each value up to its blank) tell; the lines are the keyword's kind.
    /// </summary>
    [Theory]
    [InlineData("term=POS-0001 org=org-1 unreachable since 5")]
    [InlineData("term=POS-0001 org=org-1 unreachable")]
    [InlineData("term=POS-0001 unreachable since 5")]
    [InlineData("term=POS-0001  org=org-1 unreachable since 5")]
    [InlineData("org=org-1 term=POS-0001 unreachable since 5")]
    [InlineData("term= org= unreachable since 5")]
    [InlineData("terminal=POS-0001 organization=org-1 unreachable since 5")]
    [InlineData("term=POS-000000000000000000000000000000000000000000000000000000000000000000000001 org=o unreachable since 5")]
    [InlineData("term=POS-00000000000000000000000000000000000000001 org=o unreachable since 5")]
    [InlineData("term=POS-0000000000000000000000000000000000000000000001 org=o unreachable since 5")]
    // "term" with no '=': no pair, the message starts at "term".
    [InlineData("term unreachable now")]
    [InlineData("org=o unreachable")]
    public void Scan_KeywordRightAfterThePairs_IsFound(string rest)
    {
        // The first line starts the minute; the others are read as lines of the minute before.
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5).Select(i => $"2026-11-17T10:00:0{i}.000Z [INFO] {rest}\n")));

        var plain = Scan(log, new LogScanFilter(), 1, entries: false);
        var general = Scan(log, new LogScanFilter(), 1, entries: true);

        Assert.Equal(5, plain.Kinds[(int)LogKind.Offline]);
        Assert.Equal(general.Kinds, plain.Kinds);
    }

    /// <summary>A keyword of four bytes, the marker's shortest, right after the pairs: its last byte is four bytes into the message.</summary>
    [Theory]
    [InlineData("term=POS-0001 org=o jams at the feeder")]
    [InlineData("term=POS-0001 org=o jams")]
    [InlineData("term=POS-0001 jams")]
    // A term value whose blank is past the 64 bytes of blanks read after the head, then an empty org value.
    [InlineData("term=POS-00000000000000000000000000000000000000000001 org= jams")]
    public void Scan_ShortestKeywordRightAfterThePairs_IsFound(string rest)
    {
        var options = new LogScanOptions { MaxLineLength = 300 };
        options.Classification.Rules.Add(new ClassificationRule { Name = "jam", Keywords = ["jams"], Kind = LogKind.Fail });
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5).Select(i => $"2026-11-17T10:00:0{i}.000Z [INFO] {rest}\n")));

        var plain = Scan(log, new LogScanFilter(), 1, entries: false, options);
        var general = Scan(log, new LogScanFilter(), 1, entries: true, options);

        Assert.Equal(5, plain.Kinds[(int)LogKind.Fail]);
        Assert.Equal(general.Kinds, plain.Kinds);
    }

    /// <summary>
    /// A line whose minute parses but whose head does not (no level), between lines of the minute before: the minute it
    /// read is kept, and the next line of the minute before is read with its own time, not that minute's.
    /// </summary>
    [Fact]
    public void Scan_MinuteReadFromALineWhoseHeadFails_DoesNotRetimeTheMinuteBefore()
    {
        var log = Encoding.UTF8.GetBytes(
            "2026-11-17T10:00:59.900Z [INFO] term=POS-0001 org=o tickets: ticket closed\n"
            + "2026-11-17T10:01:00.100Z no level\n"
            + "2026-11-17T10:00:59.950Z [ERROR] term=POS-0001 org=o printer: printer offline\n"
            + "2026-11-17T10:00:59.960Z [INFO] term=POS-0001 org=o tickets: ticket closed\n"
            + "2026-11-17T10:01:00.200Z [INFO] term=POS-0001 org=o tickets: ticket closed\n");
        var filter = new LogScanFilter { From = Start.AddHours(10).AddSeconds(30), To = Start.AddHours(10).AddSeconds(60.1) };

        var plain = Scan(log, filter, 1, entries: false);
        var general = Scan(log, filter, 1, entries: true);

        Assert.Equal(1, plain.Selected);
        Assert.Equal(general.Selected, plain.Selected);
        Assert.Equal(general.LinesInScope, plain.LinesInScope);
        Assert.Equal(general.Levels.OrderBy(l => l.Key), plain.Levels.OrderBy(l => l.Key));
    }

    /// <summary>
    /// A rule whose keyword holds a digit (lines are then not classified by shape, and the marks of a selected line's
    /// message are looked for too): lines of a selected level with and without the keyword, and unselected ones with it.
    /// </summary>
    [Fact]
    public void Scan_RuleNotClassifiedByShape_CountsWhatTheOtherLoopCounts()
    {
        var options = new LogScanOptions { MaxLineLength = 300 };
        options.Classification.Rules.Add(new ClassificationRule { Name = "e503", Keywords = ["error 503"], Kind = LogKind.Offline });
        string[] rests =
        [
            "[ERROR] term=POS-0001 org=o sync: error 503 from the back office",
            "[ERROR] term=POS-0001 org=o error 503",
            "[ERROR] term=POS-0001 org=o sync: upload failed",
            "[INFO] term=POS-0001 org=o error 503 again",
            "[INFO] term=POS-0001 org=o tickets: ticket closed",
        ];
        var log = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $"2026-11-17T10:00:{i:D2}.000Z {rests[i % rests.Length]}\n")));

        var plain = Scan(log, new LogScanFilter(), 1, entries: false, options);
        var general = Scan(log, new LogScanFilter(), 1, entries: true, options);

        Assert.Equal(30, plain.Kinds[(int)LogKind.Offline]);
        Assert.Equal(general.Kinds, plain.Kinds);
        Assert.Equal(general.Selected, plain.Selected);
        Assert.Equal(
            general.Templates.Select(t => (t.Key, t.Value.Count)).OrderBy(t => t.Key),
            plain.Templates.Select(t => (t.Key, t.Value.Count)).OrderBy(t => t.Key));
    }

    /// <summary>The last line of a block without its newline, of a level counted by its level alone: reported truncated, as the other loop reports it.</summary>
    [Fact]
    public void Scan_PlainLastLineWithoutNewline_IsReportedTruncated()
    {
        var log = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 3).Select(i => $"2026-11-17T10:00:0{i}.000Z [INFO] term=POS-0001 org=o tickets: ticket closed")));

        var plain = Scan(log, new LogScanFilter(), 1, entries: false);
        var general = Scan(log, new LogScanFilter(), 1, entries: true);

        var (position, reason) = Assert.Single(plain.FirstMalformed);
        Assert.Equal((3L, MalformedReason.Truncated), (position.Line, reason));
        Assert.Equal(general.FirstMalformed, plain.FirstMalformed);
        Assert.Equal(general.Levels.OrderBy(l => l.Key), plain.Levels.OrderBy(l => l.Key));
    }

    /// <summary>
    /// Lines handed over and lines counted by their level in turn, so that a call writes as many entries as it reads lines:
    /// every line is still counted once, in order, and the templates' first and last lines are right.
    /// </summary>
    [Fact]
    public void Scan_LinesHandedOverInTurnWithCountedOnes_CountEveryLineOnce()
    {
        var text = new StringBuilder();
        var time = Start;
        for (var i = 0; i < 2_000; i++)
        {
            time = time.AddMilliseconds(13);
            var (level, message) = (i % 2 == 1 || i % 7 == 0) ? ("ERROR", $"printer: printer offline, job {i}") : ("INFO", "tickets: ticket closed");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z [{level}] term=POS-0001 org=org-1 {message}\n");
        }

        var log = Encoding.UTF8.GetBytes(text.ToString());
        var plain = Scan(log, new LogScanFilter(), 1, entries: false);
        var general = Scan(log, new LogScanFilter(), 1, entries: true);

        Assert.Equal(2_000, plain.Lines);
        Assert.Equal(2_000, plain.LinesInScope);
        Assert.Equal(general.Kinds, plain.Kinds);
        Assert.Equal(general.Levels.OrderBy(l => l.Key), plain.Levels.OrderBy(l => l.Key));
        var template = Assert.Single(plain.Templates).Value;
        Assert.Equal((1L, 2_000L, 1_000 + 143), (template.FirstPosition.Line, template.LastPosition.Line, (int)template.Count));
    }

    /// <summary>
    /// Runs of counted lines longer than one call of the loop reads (256 lines), with a malformed line and a selected one
    /// between them: the lines after a run are numbered as read, and everything is counted as the other loop counts it.
    /// </summary>
    [Fact]
    public void Scan_LongRunsOfCountedLines_NumberTheLinesAfterThem()
    {
        var text = new StringBuilder();
        var time = Start;
        Add("INFO", "tickets: ticket closed ref=T-1", 9_000);
        Add("INFO", "tickets: ticket closed \0 ref=T-2", 1);
        Add("INFO", "tickets: ticket closed ref=T-3", 9_000);
        Add("ERROR", "printer: printer offline", 1);
        Add("INFO", "tickets: ticket closed ref=T-4", 5_000);
        var log = Encoding.UTF8.GetBytes(text.ToString());

        var plain = Scan(log, new LogScanFilter(), 1, entries: false);
        var general = Scan(log, new LogScanFilter(), 1, entries: true);

        Assert.Equal(23_002, plain.Lines);
        Assert.Equal(9_001, Assert.Single(plain.FirstMalformed).Position.Line);
        Assert.Equal(general.FirstMalformed, plain.FirstMalformed);
        Assert.Equal(general.LinesInScope, plain.LinesInScope);
        Assert.Equal(general.Kinds, plain.Kinds);
        Assert.Equal(general.Levels.OrderBy(l => l.Key), plain.Levels.OrderBy(l => l.Key));
        Assert.Equal(18_002, Assert.Single(plain.Templates).Value.FirstPosition.Line);

        void Add(string level, string message, int count)
        {
            for (var i = 0; i < count; i++)
            {
                time = time.AddMilliseconds(7);
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z [{level}] term=POS-0001 org=org-1 {message}\n");
            }
        }
    }

    private static ScanAggregate Scan(byte[] log, LogScanFilter filter, int blocks, bool entries, LogScanOptions? options = null)
    {
        options ??= new LogScanOptions { MaxLineLength = 300 };
        var classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification));

        // Handing every line over as an entry sends every line through the loop over every kind of line.
        var plan = new ScanPlan(options, classifier, filter, Start.Year, entries ? _ => { } : null, emitAll: entries);
        var scanner = new BlockScanner(plan);
        var cuts = Cuts(log, blocks);
        for (var b = 0; b < cuts.Count; b++)
        {
            var (from, to) = cuts[b];
            scanner.Scan(log.AsSpan(from, to - from), LogFormats.Iso, 0, b, b == cuts.Count - 1, "pos.log", 1);
        }

        return scanner.Complete();
    }

    private static List<(int From, int To)> Cuts(byte[] log, int blocks)
    {
        // Cut after a newline, roughly evenly; a cut may fall before a continuation line (the scanner must not care).
        var cuts = new List<(int, int)>();
        var from = 0;
        for (var b = 1; b < blocks && from < log.Length; b++)
        {
            var at = Array.IndexOf(log, (byte)'\n', Math.Max(from, (int)((long)log.Length * b / blocks)));
            if (at < 0)
            {
                break;
            }

            cuts.Add((from, at + 1));
            from = at + 1;
        }

        cuts.Add((from, log.Length));
        return cuts;
    }

    private static byte[] Log(int seed, int lines, bool newlineAtEnd)
    {
        var random = new Random(seed);
        string[] levels = [.. Enumerable.Repeat("INFO", 12), "WARN", "WARN", "ERROR", "FAIL", "OFFLINE", "RETRY", "DEBUG", "info", "I"];
        string[] messages =
        [
            "tickets: ticket closed ref=T-{0} total=34.51 EUR items=3",
            "sync: sync completed, {0} changes uploaded in 51 ms",
            "printer: Printer offline since 10:{0}",
            "payment: card declined by issuer {0}",
            "sync: the request timed out after {0} ms",
            "payment: payment approved ref=P-{0} amount=12.00 EUR",
            "sync: connection refused-{0}",
            "db: database is locked",
            "printer: printer ready, connection restored",
            "café: reçu imprimé {0}",
            // A keyword first in the message (no component), the whole message, and more than 64 bytes after its start.
            "printer offline {0}",
            "unreachable",
            "unreachable since {0}",
            "paper out",
            "sync: retrying the upload of batch {0} after the back office answered slowly, then the request timed out",
        ];
        var text = new StringBuilder();
        var time = Start;
        for (var i = 0; i < lines; i++)
        {
            // A dozen lines a minute: most minutes are read by their first line and the lines after it.
            time = time.AddMilliseconds(random.Next(1, 10_000));
            var eol = random.Next(20) == 0 ? "\r\n" : "\n";
            var kind = random.Next(70);
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, messages[random.Next(messages.Length)], random.Next(100_000));
            var line = $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z [{levels[random.Next(levels.Length)]}] term=POS-{random.Next(40):D4} org=org-{random.Next(3)} {message}";
            text.Append(kind switch
            {
                0 => "",
                1 => "   at PosFleet.Sync.Run() in Sync.cs:line 42",
                2 => "Caused by: System.IO.IOException: broken pipe",
                3 => line + " " + new string('x', 300),
                4 => "untimed note from the till",
                5 => "20261117 not a timestamp [INFO] x",
                6 => line.Replace("[INFO]", "[INFO", StringComparison.Ordinal),
                7 => line + " \0 nul",
                // At the length limit (300) and one byte over it, and either with a CRLF end: a line over the limit only
                // with its return is not over-long.
                10 or 11 => (line + " " + new string('y', 300))[..(kind == 10 ? 300 : 301)],
                // A ']' five bytes after the level's start, which the level reader takes first (as "INFO]" and "I] xy").
                12 => line.Replace("[INFO]", "[INFO]]", StringComparison.Ordinal),
                13 => line.Replace($"[{levels[0]}]", "[I] xy]", StringComparison.Ordinal),
                14 => line.Replace($"{time:ss.fff}Z", "60.250Z", StringComparison.Ordinal),
                // Pairs that the message's reading takes other than as one blank, term=, a value, one blank, org=, a value
                // (a keyword's marks must still cover the whole message): no org, two blanks, a tab, the long keys, org
                // first, empty values, keywords in the values, a value longer than 64 bytes, a line that ends in a value.
                15 => line.Replace($" org=org-", " ", StringComparison.Ordinal),
                16 => line.Replace(" org=", "  org=", StringComparison.Ordinal),
                17 => line.Replace(" org=", "\torg=", StringComparison.Ordinal),
                18 => line.Replace("term=", "terminal=", StringComparison.Ordinal).Replace("org=", "organization=", StringComparison.Ordinal),
                19 => line.Replace("term=POS-", "org=x term=POS-", StringComparison.Ordinal),
                20 => line.Replace("org=org-", "org= ", StringComparison.Ordinal).Replace("term=POS-", "term= POS-", StringComparison.Ordinal),
                21 => line.Replace("term=POS-", "term=offline-", StringComparison.Ordinal).Replace("org=org-", "org=timeout ", StringComparison.Ordinal),
                22 => line.Replace("term=POS-", "term=POS-" + new string('7', 70), StringComparison.Ordinal),
                23 => line[..line.IndexOf(" org=", StringComparison.Ordinal)],
                24 => $"{time:yyyy-MM-ddTHH:mm:ss.fff}Z [INFO] term=P org=o printer offline",
                8 or 9 => line.Replace($"{time:yyyy-MM-dd}", $"{time.AddDays(random.Next(2) == 0 ? -3 : 3):yyyy-MM-dd}", StringComparison.Ordinal),
                _ => line,
            });
            text.Append(kind is 10 or 11 && random.Next(2) == 0 ? "\r\n" : eol);
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return newlineAtEnd ? bytes : bytes.AsSpan(0, bytes.Length - 1).ToArray();
    }
}

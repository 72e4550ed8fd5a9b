using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// The hot path: reads blocks of whole lines and adds them to its aggregate. Per line it takes the newline from a bit
/// mask, reads the timestamp (and, for the POS format, nothing more when the line is outside the window), the level at
/// its fixed place, and counts; only a selected line (one of the chosen kinds) costs more: its template is folded and
/// hashed, and a string is made only the first time a template or terminal is seen. One scanner per worker: its
/// aggregate grows with the distinct templates and terminals, never with the lines.
/// </summary>
internal sealed partial class BlockScanner
{
    private readonly ScanPlan _plan;
    private readonly LevelCounter _levels = new();
    private readonly bool _hasKeywords;
    private readonly ScanAggregate _aggregate;
    private readonly TemplateShapeCache<LineShape> _shapes = new();
    private readonly bool _byShape;
    private readonly TerminalCache _terminals = new();
    private byte[]? _scratch;
    private byte[]? _template;
    private IsoMinuteCache _minute;

    // The digit limits CountPlainLines compares a head with: a field read, where a static vector is made by a call at each
    // use.
    private readonly Vector256<byte> _digitLimits = IsoBracketFormat.DigitLimits;

    // What CountPlainLines keeps of the minute it read last (see there).
    private Int128 _plainMinuteHead;
    private Vector256<byte> _plainHead;
    private bool _plainInside;
    private bool _flagged;

    private readonly CancellationToken _cancellationToken;

    public BlockScanner(ScanPlan plan, CancellationToken cancellationToken = default)
    {
        _plan = plan;
        _cancellationToken = cancellationToken;
        _aggregate = new ScanAggregate(plan.Options.MaxTerminals);
        _hasKeywords = plan.Classifier.KeywordVariants.Length > 0;
        _byShape = plan.Classifier.ClassifiesByShape;
    }

    /// <summary>
    /// Scans <paramref name="block"/>, whose lines all end with a newline except, when <paramref name="endOfInput"/>, the
    /// last, and adds them to this scanner's aggregate. Blocks of one input must be given in order.
    /// </summary>
    /// <returns>How many lines the block had.</returns>
    /// <param name="modifiedTicks">When the input was last written (UTC ticks), 0 when unknown: the year of timestamps that carry none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Scan(ReadOnlySpan<byte> block, LogFormat format, int source, int blockIndex, bool endOfInput, string sourceName, long firstLineNumber, long modifiedTicks = 0)
    {
        var plan = _plan;
        var aggregate = _aggregate;
        var kinds = aggregate.Kinds;
        var severities = aggregate.Severities;
        var classifier = plan.Classifier;
        var iso = format is IsoBracketFormat;
        var maxLine = plan.Options.MaxLineLength;
        var fromTicks = plan.FromTicks;
        var toTicks = plan.ToTicks;
        var narrowed = plan.Terminal is not null || plan.Organization is not null;
        var selecting = plan.SelectedKinds;
        long line = 0;
        long inScope = 0;
        var fields = new LineFields
        {
            DefaultYear = modifiedTicks > 0 ? new DateTime(modifiedTicks, DateTimeKind.Utc).Year : plan.DefaultYear,
            LatestTicks = modifiedTicks,
        };
        var windowed = fromTicks != long.MinValue || toTicks != long.MaxValue;

        // Whether a line with no keyword is known by its level alone, and nothing else asks for its fields.
        var levelDecides = !classifier.HasRulesWithoutKeywords && !narrowed && plan.OnEntry is null;

        // In a layout whose entries start with a timestamp, a line that starts with a blank (a stack frame), "Caused by:" and
        // the like belongs to the entry above. An untimed entry borrows the time of the timed one before it (for display).
        var rule = ContinuationLine.RuleOf(format);
        var continuable = rule != ContinuationRule.None;
        var eventBlocks = rule == ContinuationRule.EventBlocks;
        var entryAbove = false;
        var (lastTicks, lastOffset) = EntryAboveTime(source, blockIndex, modifiedTicks);
        // One pass over the block marks the few lines where a keyword may be: the others need no search of their own. Worth
        // it where most lines are read: every line, or a block that the window holds from its first line to its last.
        var marker = _hasKeywords && (!windowed || (iso && WindowHolds(block, fromTicks, toTicks))) ? classifier.Marker : null;

        // Most lines of the POS format are told by their timestamp and level alone: CountPlainLines cuts and counts them a
        // line at a time, and hands the others to the loop below.
        // Not where keywords exist and no marks tell which lines hold none: every line in scope would then be read twice.
        var plain = iso && levelDecides && (marker is not null || !_hasKeywords || windowed);
        var marksTell = marker is not null || !_hasKeywords;
        var lines = new LineSplitter(block, marker);
        Span<ulong> plainEntries = stackalloc ulong[LineEntries.Length];
        var plainAt = 0;
        var lineStart = 0;
        scoped ReadOnlySpan<ulong> batch;
        while (!(batch = plain ? plainEntries[..CountPlainLines(block, ref plainAt, plainEntries, ref inScope, fromTicks, toTicks, marker, marksTell)] : lines.NextLines()).IsEmpty)
        {
            // A batch is a few hundred lines at most (CountPlainLines reads 256 at a time): a stop costs milliseconds at most,
            // even within a 16 MiB block.
            _cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < batch.Length; i++)
            {
                if ((batch[i] & CountedRun) != 0)
                {
                    (line, lineStart, entryAbove) = (line + (long)(batch[i] >> RunShift), (int)(uint)batch[i] + 1, true);
                    continue;
                }

                var start = lineStart;
                var end = (int)(uint)batch[i];
                var special = (batch[i] & LineSplitter.SpecialLine) != 0;
                var marked = (batch[i] & LineSplitter.MarkedLine) != 0;
                lineStart = end + 1;
                line++;
                var text = block[start..end];
                if (!text.IsEmpty && text[^1] == '\r')
                {
                    text = text[..^1];
                }

                if (text.IsEmpty)
                {
                    // A blank line ends the entry above (a block may start after it, as after any line that is not a
                    // continuation), but in an event block, whose description may hold blank lines.
                    entryAbove &= eventBlocks;
                    continue;
                }

                if (continuable && entryAbove && ContinuationLine.Is(text, rule))
                {
                    // Part of the entry above: in its message (see WithContinuation), never an entry of its own.
                    CountContinuation(block[start..end], text, special, source, blockIndex, line);
                    continue;
                }

                entryAbove = true;
                if (text.Length > maxLine)
                {
                    // Skipped whole, never truncated into an entry: what was cut off may be what mattered. Counted apart from
                    // malformed lines, because nothing is wrong with it but its length.
                    OverLong(source, blockIndex, line);
                    continue;
                }

                _flagged = false;
                var messageLineEnd = end - start;
                if (end == block.Length && endOfInput)
                {
                    Malformed(source, blockIndex, line, MalformedReason.Truncated);
                }

                // Only a line holding a NUL or a non-ASCII byte can fail these checks; the splitter says which lines do.
                if (special && block[start..end].Contains((byte)0))
                {
                    Malformed(source, blockIndex, line, MalformedReason.NulBytes);
                    continue;
                }

                if (special && !Utf8.IsValid(text))
                {
                    Malformed(source, blockIndex, line, MalformedReason.InvalidUtf8);
                }

                // The level of a line of the POS format, once looked up.
                LevelCounter.Entry? found = null;
                if (iso)
                {
                    // The timestamp and level first: a line outside the window costs no more than that.
                    fields.Timestamp = TimestampStatus.Missing;
                    if (IsoBracketFormat.TryParseHead(text, ref _minute, ref fields, out var tail))
                    {
                        if (fields.UtcTicks < fromTicks || fields.UtcTicks >= toTicks)
                        {
                            continue;
                        }

                        if (levelDecides)
                        {
                            // No keyword anywhere after the level and a kind not selected: the level is the whole answer, and
                            // the terminal, component and message need not be read.
                            var byLevel = found = _levels.Find(fields.Level);
                            if (!selecting[(int)byLevel.Kind]
                                && (!_hasKeywords || (marker is not null && !marked) || classifier.FindKeywords(text[tail..], block[(start + tail)..]) == 0))
                            {
                                // No time kept for the entry above: with the level deciding, no entry is handed over.
                                inScope++;
                                byLevel.Told++;
                                continue;
                            }
                        }

                        fields.Component = default;
                        fields.Terminal = default;
                        fields.Organization = default;
                        MessageTail.Parse(text[tail..], ref fields);
                    }
                    else if (!ReadOtherwise(text, format, ref fields, windowed, source, blockIndex, line))
                    {
                        continue;
                    }
                }
                else
                {
                    fields.Reset();
                    var read = eventBlocks
                        ? WindowsEventTextFormat.TryParseEvent(block[start..], ref fields, out messageLineEnd)
                        : format.TryParse(text, _scratch ??= new byte[maxLine + 16], ref fields);
                    if (read && fields.Timestamp == TimestampStatus.Parsed)
                    {
                        if (fields.UtcTicks < fromTicks || fields.UtcTicks >= toTicks)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        messageLineEnd = end - start;
                        if (!ReadOtherwise(text, format, ref fields, windowed, source, blockIndex, line))
                        {
                            continue;
                        }
                    }
                }

                var untimed = fields.Timestamp != TimestampStatus.Parsed;
                if (untimed)
                {
                    // What is counted takes the input's time, the same wherever the blocks were cut; an entry handed over
                    // takes the time of the timed entry above it (below).
                    (fields.UtcTicks, fields.OffsetMinutes) = (modifiedTicks, 0);
                }
                else
                {
                    (lastTicks, lastOffset) = (fields.UtcTicks, fields.OffsetMinutes);
                }

                if (narrowed
                    && ((plan.Terminal is not null && !fields.Terminal.SequenceEqual(plan.Terminal))
                        || (plan.Organization is not null && !fields.Organization.SequenceEqual(plan.Organization))))
                {
                    continue;
                }

                if (rule == ContinuationRule.JavaLogging && fields.Level.IsEmpty && end + 1 < block.Length)
                {
                    ReadJavaLevelLine(block, end, ref fields);
                }

                inScope++;
                var level = found ?? _levels.Find(fields.Level);
                level.Count++;

                // The message is a slice of the block (or of the scratch buffer): what follows it may be read, not copied.
                var offset = (nint)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(block), ref MemoryMarshal.GetReference(fields.Message));
                var noKeyword = !_hasKeywords || (marker is not null && !marked && UnmarkedHoldsNone(block, offset, fields.Message.Length, start, end));

                // A line of a shape met before (its message the same but for its digits, its level and component the same) is
                // classified as that one was, where the rules allow it: no keyword search, no rule tried. Not a line that holds
                // no keyword where every rule needs one: its level alone tells it, for less than a lookup.
                var looked = _byShape && !(noKeyword && !classifier.HasRulesWithoutKeywords);
                var shape = 0UL;
                LineShape? known = null;
                LineClassification c;
                if (looked && _shapes.TryGet(fields.Message, fields.Level, fields.Component, out shape, out known))
                {
                    c = known.Classification;
                }
                else
                {
                    var keywordHits = noKeyword
                        ? 0
                        : offset >= 0 && offset + fields.Message.Length <= block.Length
                            ? classifier.FindKeywords(fields.Message, block[(int)offset..])
                            : classifier.FindKeywords(fields.Message);
                    c = classifier.Classify(level.Kind, level.Severity, fields.Level, fields.Component, fields.Message, keywordHits, plan.PatternTimeouts);
                    if (looked)
                    {
                        known = Remember(shape, c);
                    }
                }

                kinds[(int)c.Kind]++;
                severities[(int)c.Severity]++;

                // The message with the entry's continuation lines, for search and examples; its template is the first line's.
                var full = continuable && (selecting[(int)c.Kind] || plan.OnEntry is not null) ? WithContinuation(block, fields.Message, start + messageLineEnd, rule) : fields.Message;
                var selected = selecting[(int)c.Kind] && (!plan.FiltersMessages || MatchesSelection(full));
                if (selected)
                {
                    Select(ref fields, c, aggregate, new BlockPosition(source, blockIndex, line), full, untimed, looked, known);
                }

                if (plan.OnEntry is not null && (selected || plan.EmitAll))
                {
                    if (untimed)
                    {
                        (fields.UtcTicks, fields.OffsetMinutes) = (lastTicks, lastOffset);
                    }

                    plan.OnEntry(ToEntry(ref fields, c, sourceName, firstLineNumber + line - 1, full));
                }
            }
        }

        aggregate.LinesInScope += inScope;
        aggregate.Lines += line;
        (_above.Source, _above.Block, _above.Ticks, _above.Offset) = (source, blockIndex, lastTicks, lastOffset);
        return line;
    }

    /// <summary>
    /// What this scanner has counted so far (level counts, the kinds and severities of lines told by their level alone,
    /// and the templates' counts of numbered terminals are added by <see cref="Complete"/>).
    /// </summary>
    public ScanAggregate Running => _aggregate;

    /// <summary>
    /// Everything this scanner has read, with the level counts added, the kinds and severities of the lines told by their
    /// level alone, and (unless <paramref name="countNumbered"/> is <see langword="false"/>) the templates' counts of
    /// numbered terminals; the scanner is done after this.
    /// </summary>
    /// <param name="countNumbered">
    /// <see langword="false"/> to leave the templates' numbered counts to be counted after this part is merged with the
    /// other workers' (<see cref="ScanAggregate.CountNumbered(ScanAggregate)"/>): they then add up by number, not by key.
    /// </param>
    public ScanAggregate Complete(bool countNumbered = true)
    {
        // The template buffer is three times the longest line: too large to make anew for every scan.
        if (_template is not null)
        {
            ArrayPool<byte>.Shared.Return(_template);
            _template = null;
        }

        _levels.MoveCountsTo(_aggregate);
        if (countNumbered)
        {
            _aggregate.CountNumbered();
        }

        return _aggregate;
    }

    private bool MatchesSelection(ReadOnlySpan<byte> message)
    {
        var filter = _plan.Filter;
        if (filter.Reference is not null && !_plan.FindReference(message).SequenceEqual(_plan.ReferenceUtf8))
        {
            return false;
        }

        return filter.Text is null || Encoding.UTF8.GetString(message).Contains(filter.Text, StringComparison.OrdinalIgnoreCase);
    }

    private void OverLong(int source, int blockIndex, long line)
    {
        var aggregate = _aggregate;
        aggregate.OverLong++;
        if (aggregate.FirstOverLong.Count < _plan.Options.MalformedLinesReported)
        {
            aggregate.FirstOverLong.Add(new BlockPosition(source, blockIndex, line));
        }
    }

    private void Malformed(int source, int blockIndex, long line, MalformedReason reason)
    {
        // A line is counted once, with the first thing found wrong with it.
        if (_flagged)
        {
            return;
        }

        _flagged = true;
        var aggregate = _aggregate;
        aggregate.Malformed++;
        if (aggregate.FirstMalformed.Count < _plan.Options.MalformedLinesReported)
        {
            aggregate.FirstMalformed.Add((new BlockPosition(source, blockIndex, line), reason));
        }
    }
}

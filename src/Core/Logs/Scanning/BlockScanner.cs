using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// The hot path: reads a block of whole lines and adds them to an aggregate. Per line it finds the newline, reads the
/// timestamp and level at their fixed places, and counts; only a selected line (one of the chosen kinds) costs more: its
/// template is folded and hashed, and a string is made only the first time a template or terminal is seen.
/// </summary>
internal sealed class BlockScanner
{
    private readonly ScanPlan _plan;
    private readonly LevelCounter _levels = new();
    private readonly KeywordHits _hits;
    private readonly byte[] _scratch;
    private readonly byte[] _template;
    private readonly bool _hasKeywords;
    private bool _flagged;

    public BlockScanner(ScanPlan plan)
    {
        _plan = plan;
        _hits = new KeywordHits(plan.Classifier);
        _hasKeywords = plan.Classifier.KeywordVariants.Length > 0;
        _scratch = new byte[plan.Options.MaxLineLength + 16];
        _template = new byte[(plan.Options.MaxLineLength * 3) + 16];
    }

    /// <summary>Scans <paramref name="block"/>, whose lines all end with a newline except, when <paramref name="endOfInput"/>, the last.</summary>
    /// <returns>How many lines the block had.</returns>
    public long Scan(ReadOnlySpan<byte> block, LogFormat format, int source, int blockIndex, bool endOfInput, ScanAggregate aggregate, string sourceName, long firstLineNumber)
    {
        var plan = _plan;
        var maxLine = plan.Options.MaxLineLength;
        var validUtf8 = Utf8.IsValid(block);
        var nextNul = block.IndexOf((byte)0);
        if (nextNul < 0)
        {
            nextNul = int.MaxValue;
        }

        _hits.Reset();
        long line = 0;
        var pos = 0;
        var fields = new LineFields { DefaultYear = plan.DefaultYear };
        while (pos < block.Length)
        {
            var nl = block[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? block.Length : pos + nl;
            var lineStart = pos;
            pos = nl < 0 ? block.Length : end + 1;
            line++;

            var text = block[lineStart..end];
            if (!text.IsEmpty && text[^1] == '\r')
            {
                text = text[..^1];
            }

            if (text.IsEmpty)
            {
                continue;
            }

            _flagged = false;

            if (nl < 0 && endOfInput)
            {
                Malformed(aggregate, source, blockIndex, line, MalformedReason.Truncated);
            }

            if (nextNul < end)
            {
                Malformed(aggregate, source, blockIndex, line, MalformedReason.NulBytes);
                var n = block[pos..].IndexOf((byte)0);
                nextNul = n < 0 ? int.MaxValue : pos + n;
                continue;
            }

            if (text.Length > maxLine)
            {
                Malformed(aggregate, source, blockIndex, line, MalformedReason.TooLong);
                text = text[..maxLine];
            }

            if (!validUtf8 && !Utf8.IsValid(text))
            {
                Malformed(aggregate, source, blockIndex, line, MalformedReason.InvalidUtf8);
            }

            fields.Reset();
            if (!format.TryParse(text, _scratch, ref fields) || fields.Timestamp != TimestampStatus.Parsed)
            {
                Malformed(aggregate, source, blockIndex, line,
                    fields.Timestamp == TimestampStatus.Garbled ? MalformedReason.GarbledTimestamp : MalformedReason.MissingTimestamp);
                continue;
            }

            if (fields.UtcTicks < plan.FromTicks || fields.UtcTicks >= plan.ToTicks
                || (plan.Terminal is not null && !fields.Terminal.SequenceEqual(plan.Terminal))
                || (plan.Organization is not null && !fields.Organization.SequenceEqual(plan.Organization)))
            {
                continue;
            }

            aggregate.LinesInScope++;
            var levelIndex = _levels.Find(fields.Level);
            var level = _levels[levelIndex];
            level.Count++;

            ulong keywordHits = 0;
            if (_hasKeywords)
            {
                keywordHits = TryOffsetIn(block, fields.Message, out var messageStart)
                    ? _hits.Find(block, messageStart, messageStart + fields.Message.Length)
                    : plan.Classifier.FindKeywords(fields.Message);
            }

            var c = plan.Classifier.Classify(level.Kind, level.Severity, fields.Level, fields.Component, fields.Message, keywordHits);
            aggregate.Kinds[(int)c.Kind]++;
            aggregate.Severities[(int)c.Severity]++;

            var selected = plan.SelectedKinds[(int)c.Kind] && MatchesSelection(fields.Message);
            if (selected)
            {
                Select(ref fields, c, text, aggregate, new BlockPosition(source, blockIndex, line));
            }

            if (plan.OnEntry is not null && (selected || plan.EmitAll))
            {
                plan.OnEntry(ToEntry(ref fields, c, sourceName, firstLineNumber + line - 1));
            }
        }

        _levels.MoveCountsTo(aggregate.Levels);
        aggregate.Lines += line;
        return line;
    }

    private bool MatchesSelection(ReadOnlySpan<byte> message)
    {
        var filter = _plan.Filter;
        if (filter.Reference is not null && !_plan.FindReference(message).SequenceEqual(Encoding.UTF8.GetBytes(filter.Reference)))
        {
            return false;
        }

        return filter.Text is null || Encoding.UTF8.GetString(message).Contains(filter.Text, StringComparison.OrdinalIgnoreCase);
    }

    private void Select(ref LineFields fields, LineClassification c, ReadOnlySpan<byte> text, ScanAggregate aggregate, BlockPosition position)
    {
        aggregate.Selected++;
        var id = MessageTemplater.Fold(fields.Message, _template, out var written);
        ref var template = ref CollectionsMarshal.GetValueRefOrAddDefault(aggregate.Templates, id, out var exists);
        if (!exists)
        {
            template = new TemplateAggregate
            {
                Template = Encoding.UTF8.GetString(_template.AsSpan(0, written)),
                Kind = c.Kind,
                Severity = c.Severity,
                RuleIndex = c.RuleIndex,
                FirstTicks = fields.UtcTicks,
                FirstOffset = fields.OffsetMinutes,
                LastTicks = fields.UtcTicks,
                LastOffset = fields.OffsetMinutes,
                Example = Encoding.UTF8.GetString(text),
                ExamplePosition = position,
            };
        }

        template!.Count++;
        if (c.Severity > template.Severity)
        {
            template.Severity = c.Severity;
        }

        if (fields.UtcTicks < template.FirstTicks)
        {
            (template.FirstTicks, template.FirstOffset) = (fields.UtcTicks, fields.OffsetMinutes);
        }

        if (fields.UtcTicks > template.LastTicks)
        {
            (template.LastTicks, template.LastOffset) = (fields.UtcTicks, fields.OffsetMinutes);
        }

        var terminal = TerminalOf(ref fields, aggregate, position);
        terminal.Count++;
        terminal.Kinds[(int)c.Kind]++;
        if (fields.UtcTicks > terminal.LastTicks || terminal.Count == 1)
        {
            (terminal.LastTicks, terminal.LastOffset) = (fields.UtcTicks, fields.OffsetMinutes);
        }

        template.Terminals.Add(terminal.Terminal);
    }

    private static TerminalAggregate TerminalOf(ref LineFields fields, ScanAggregate aggregate, BlockPosition position)
    {
        Span<char> chars = stackalloc char[256];
        var name = fields.Terminal.Length <= 256 && Encoding.UTF8.TryGetChars(fields.Terminal, chars, out var n)
            ? chars[..n]
            : Encoding.UTF8.GetString(fields.Terminal).AsSpan();
        var lookup = aggregate.Terminals.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var terminal))
        {
            terminal = new TerminalAggregate { Terminal = name.ToString() };
            lookup[name] = terminal;
        }

        if (!fields.Organization.IsEmpty && (terminal.Organization is null || !Encoding.UTF8.GetBytes(terminal.Organization).AsSpan().SequenceEqual(fields.Organization)))
        {
            terminal.Organization = Encoding.UTF8.GetString(fields.Organization);
        }

        if (!fields.Organization.IsEmpty)
        {
            terminal.OrganizationPosition = position;
        }

        return terminal;
    }

    private LogEntry ToEntry(ref LineFields fields, LineClassification c, string sourceName, long lineNumber)
    {
        var id = MessageTemplater.Fold(fields.Message, _template, out var written);
        var reference = _plan.FindReference(fields.Message);
        var rule = c.RuleIndex >= 0 ? _plan.Classifier.Rules[c.RuleIndex] : null;
        return new LogEntry
        {
            Timestamp = fields.ToDateTimeOffset(),
            Terminal = NullIfEmpty(fields.Terminal),
            Organization = NullIfEmpty(fields.Organization),
            Component = NullIfEmpty(fields.Component),
            Level = Encoding.UTF8.GetString(fields.Level),
            Kind = c.Kind,
            Severity = c.Severity,
            Message = Encoding.UTF8.GetString(fields.Message),
            Reference = NullIfEmpty(reference),
            TemplateId = id,
            Template = Encoding.UTF8.GetString(_template.AsSpan(0, written)),
            Rule = rule?.Name,
            Hint = rule?.Hint,
            KnowledgeBaseUrl = rule?.KnowledgeBaseUrl,
            Position = new LogPosition(sourceName, lineNumber),
        };
    }

    private static string? NullIfEmpty(ReadOnlySpan<byte> s) => s.IsEmpty ? null : Encoding.UTF8.GetString(s);

    private void Malformed(ScanAggregate aggregate, int source, int blockIndex, long line, MalformedReason reason)
    {
        // A line is counted once, with the first thing found wrong with it.
        if (_flagged)
        {
            return;
        }

        _flagged = true;
        aggregate.Malformed++;
        if (aggregate.FirstMalformed.Count < _plan.Options.MalformedLinesReported)
        {
            aggregate.FirstMalformed.Add((new BlockPosition(source, blockIndex, line), reason));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryOffsetIn(ReadOnlySpan<byte> block, ReadOnlySpan<byte> slice, out int offset)
    {
        var o = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(block), ref MemoryMarshal.GetReference(slice));
        offset = (int)o;
        return o >= 0 && o + slice.Length <= block.Length;
    }
}

using System.Buffers;
using System.Text;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <content>A line made into a <see cref="LogEntry"/> for those who asked for entries (ingest, <c>--emit lines</c>).</content>
internal sealed partial class BlockScanner
{
    private LogEntry ToEntry(ref LineFields fields, LineClassification c, string sourceName, long lineNumber, ReadOnlySpan<byte> full)
    {
        var buffer = _template ??= ArrayPool<byte>.Shared.Rent((_plan.Options.MaxLineLength * 3) + 16);
        var id = MessageTemplater.Fold(fields.Message, buffer, out var written);
        var reference = _plan.FindReference(full);
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
            Message = MessageOf(full),
            Reference = NullIfEmpty(reference),
            TemplateId = id,
            Template = Encoding.UTF8.GetString(buffer.AsSpan(0, written)),
            Rule = rule?.Name,
            Origin = rule?.Origin,
            Hint = rule?.Hint,
            KnowledgeBaseUrl = rule?.KnowledgeBaseUrl,
            Position = new LogPosition(sourceName, lineNumber),
        };
    }

    /// <summary>The message, continuation lines included, with their line breaks as <c>\n</c>.</summary>
    private static string MessageOf(ReadOnlySpan<byte> full)
    {
        var message = Encoding.UTF8.GetString(full);
        return message.Contains('\r', StringComparison.Ordinal) ? message.Replace("\r\n", "\n", StringComparison.Ordinal) : message;
    }

    private static string? NullIfEmpty(ReadOnlySpan<byte> s) => s.IsEmpty ? null : Encoding.UTF8.GetString(s);
}

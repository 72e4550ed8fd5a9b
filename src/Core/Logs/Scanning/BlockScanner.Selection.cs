using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <content>A selected line: its template folded and counted, its terminal found or added.</content>
internal sealed partial class BlockScanner
{
    private void Select(ref LineFields fields, LineClassification c, ScanAggregate aggregate, BlockPosition position)
    {
        aggregate.Selected++;
        var buffer = _template ??= ArrayPool<byte>.Shared.Rent((_plan.Options.MaxLineLength * 3) + 16);
        var id = MessageTemplater.Fold(fields.Message, buffer, out var written);
        ref var template = ref CollectionsMarshal.GetValueRefOrAddDefault(aggregate.Templates, id, out var exists);
        if (!exists)
        {
            template = new TemplateAggregate
            {
                Template = Encoding.UTF8.GetString(buffer.AsSpan(0, written)),
                Kind = c.Kind,
                Severity = c.Severity,
                RuleIndex = c.RuleIndex,
                FirstTicks = fields.UtcTicks,
                FirstOffset = fields.OffsetMinutes,
                FirstPosition = position,
                LastTicks = fields.UtcTicks,
                LastOffset = fields.OffsetMinutes,
                LastPosition = position,
                // Its position is known once the blocks are numbered (ScanRun.ToSummary).
                Example = ToEntry(ref fields, c, "", 0),
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
            (template.FirstTicks, template.FirstOffset, template.FirstPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        if (fields.UtcTicks > template.LastTicks)
        {
            (template.LastTicks, template.LastOffset, template.LastPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        var terminal = TerminalOf(ref fields, aggregate, position);
        terminal.Count++;
        terminal.Kinds[(int)c.Kind]++;
        if (fields.UtcTicks > terminal.LastTicks || terminal.Count == 1)
        {
            (terminal.LastTicks, terminal.LastOffset, terminal.LastPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        template.AddTerminal(terminal.Ordinal);
    }

    private static TerminalAggregate TerminalOf(ref LineFields fields, ScanAggregate aggregate, BlockPosition position)
    {
        // A name of up to 8 bytes (POS-0027) is its own key: no decoding, no string hash, on every selected line.
        var bytes = fields.Terminal;
        ulong key = 0;
        TerminalAggregate? terminal = null;
        var shortName = bytes.Length is > 0 and <= 8;
        if (shortName)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref key)));
            if (aggregate.TerminalsByUtf8.TryGetValue(key, out var hit) && hit.Length == bytes.Length)
            {
                terminal = hit.Terminal;
            }
        }

        if (terminal is null)
        {
            terminal = TerminalNamed(bytes, aggregate);
            if (shortName)
            {
                aggregate.TerminalsByUtf8[key] = (terminal, bytes.Length);
            }
        }

        if (!fields.Organization.IsEmpty && (terminal.OrganizationUtf8 is null || !fields.Organization.SequenceEqual(terminal.OrganizationUtf8)))
        {
            terminal.OrganizationUtf8 = fields.Organization.ToArray();
            terminal.Organization = Encoding.UTF8.GetString(fields.Organization);
        }

        if (!fields.Organization.IsEmpty)
        {
            terminal.OrganizationPosition = position;
        }

        return terminal;
    }

    [SkipLocalsInit]
    private static TerminalAggregate TerminalNamed(ReadOnlySpan<byte> utf8, ScanAggregate aggregate)
    {
        Span<char> chars = stackalloc char[256];
        var name = utf8.Length <= 256 && Encoding.UTF8.TryGetChars(utf8, chars, out var n)
            ? chars[..n]
            : Encoding.UTF8.GetString(utf8).AsSpan();
        var lookup = aggregate.Terminals.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var terminal))
        {
            terminal = new TerminalAggregate { Terminal = name.ToString(), Ordinal = aggregate.TerminalsByOrdinal.Count };
            lookup[name] = terminal;
            aggregate.TerminalsByOrdinal.Add(terminal);
        }

        return terminal;
    }
}

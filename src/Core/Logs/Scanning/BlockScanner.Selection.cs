using System.Buffers;
using System.IO.Hashing;
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
    /// <param name="looked">Whether the line's shape was looked up already (<paramref name="known"/>).</param>
    /// <param name="known">What is known of the line's shape, when it was looked up and is cached.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Select(
        ref LineFields fields, LineClassification c, ScanAggregate aggregate, BlockPosition position, ReadOnlySpan<byte> full, bool untimed, bool looked, LineShape? known)
    {
        aggregate.Selected++;
        if (!looked)
        {
            // Where lines are classified by shape, its level and component are part of it: a shape read by its message
            // alone would hand its classification to another level's lines.
            var hit = _byShape
                ? _shapes.TryGet(fields.Message, fields.Level, fields.Component, out var shape, out known)
                : _shapes.TryGet(fields.Message, out shape, out known);
            if (!hit)
            {
                known = Remember(shape, c);
            }
        }

        // A line of a shape seen before (the same message but for its digits) has that shape's template: no fold, and no
        // lookup of the template's counters either.
        var template = known?.Template;
        if (template is null)
        {
            var buffer = _template ??= ArrayPool<byte>.Shared.Rent((_plan.Options.MaxLineLength * 3) + 16);
            var id = MessageTemplater.Fold(fields.Message, buffer, out var written);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(aggregate.Templates, id, out var exists);
            if (!exists)
            {
                slot = new TemplateAggregate
                {
                    Template = Encoding.UTF8.GetString(buffer.AsSpan(0, written)),
                    Kind = c.Kind,
                    Severity = c.Severity,
                    RuleIndex = c.RuleIndex,
                    // An untimed entry leaves the first and last seen to the timed ones (ScanRun.ToSummary: its example's, if none).
                    FirstTicks = untimed ? long.MaxValue : fields.UtcTicks,
                    FirstOffset = fields.OffsetMinutes,
                    FirstPosition = position,
                    LastTicks = untimed ? long.MinValue : fields.UtcTicks,
                    LastOffset = fields.OffsetMinutes,
                    LastPosition = position,
                    // Its position is known once the blocks are numbered (ScanRun.ToSummary).
                    Example = ToEntry(ref fields, c, "", 0, full),
                    ExamplePosition = position,
                    Terminals = new SpaceSaving<TemplateTerminal>(Math.Max(_plan.Options.TerminalsPerTemplate * 4, 64)) { ReuseEvicted = true },
                    DistinctTerminals = new DistinctCounter(ScanAggregate.DistinctTemplateTerminalsExact, 12),
                    Numbers = aggregate.Numbers,
                };
            }

            template = slot!;
            if (known is not null)
            {
                known.Template = template;
            }
        }

        template.Count++;
        if (c.Severity > template.Severity)
        {
            template.Severity = c.Severity;
        }

        if (untimed)
        {
            // No time to compare: counted, never first or last seen.
        }
        else if (fields.UtcTicks < template.FirstTicks)
        {
            (template.FirstTicks, template.FirstOffset, template.FirstPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        if (!untimed && fields.UtcTicks > template.LastTicks)
        {
            (template.LastTicks, template.LastOffset, template.LastPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        var terminal = TerminalOf(ref fields, aggregate, position, out var hash);
        terminal.Count++;
        terminal.Kinds[(int)c.Kind]++;
        if (untimed)
        {
            // As for templates: last seen is the timed entries' (ScanRun.ToSummary: the input's time, if none).
            terminal.UntimedTicks = Math.Max(terminal.UntimedTicks, fields.UtcTicks);
        }
        else if (fields.UtcTicks > terminal.LastTicks)
        {
            (terminal.LastTicks, terminal.LastOffset, terminal.LastPosition) = (fields.UtcTicks, fields.OffsetMinutes, position);
        }

        if (!fields.Terminal.IsEmpty)
        {
            template.AddTerminal(hash, terminal.Terminal, terminal.Number);
        }
    }

    /// <summary>Remembers a shape a lookup missed, with how its line was classified; <see langword="null"/> where the cache takes no more.</summary>
    private LineShape? Remember(ulong shape, LineClassification c)
    {
        if (!_shapes.Accepts(shape))
        {
            return null;
        }

        var known = new LineShape { Classification = c };
        _shapes.Add(shape, known);
        return known;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TerminalAggregate TerminalOf(ref LineFields fields, ScanAggregate aggregate, BlockPosition position, out ulong hash)
    {
        // Terminals are known by the hash of their name's bytes: no decoding and no string hash on a selected line. A
        // terminal met lately is found in the cache by its bytes, without even the hash.
        if (!_terminals.TryGet(fields.Terminal, out hash, out var terminal))
        {
            hash = XxHash3.HashToUInt64(fields.Terminal);
            if (!aggregate.Terminals.TryGet(hash, out terminal))
            {
                // A terminal still kept was counted as distinct when it came in: only a new one is looked up there.
                var name = Encoding.UTF8.GetString(fields.Terminal);
                terminal = new TerminalAggregate { Terminal = name, Number = aggregate.Numbers.NumberOf(hash, name) };
                if (aggregate.Terminals.Count >= aggregate.Terminals.Bound)
                {
                    // The summary evicts to make room: what the cache holds may be gone from it.
                    _terminals.Clear();
                }

                aggregate.Terminals.Add(hash, terminal);
                aggregate.DistinctTerminals.Add(hash);
            }

            _terminals.Add(fields.Terminal, hash, terminal);
        }

        if (!fields.Organization.IsEmpty)
        {
            if (!terminal.IsOrganization(fields.Organization))
            {
                terminal.SetOrganization(fields.Organization);
            }

            terminal.OrganizationPosition = position;
        }

        return terminal;
    }
}

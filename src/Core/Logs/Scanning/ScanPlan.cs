using System.Text;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>Everything a block scan needs that does not change during a scan, prepared once.</summary>
internal sealed class ScanPlan
{
    public ScanPlan(
        LogScanOptions options, LogClassifier classifier, LogScanFilter filter, int defaultYear, Action<LogEntry>? onEntry, bool emitAll,
        IReadOnlyList<Formats.LogFormat>? formats = null)
    {
        Options = options;
        Formats = formats ?? [.. options.Formats];
        Classifier = classifier;
        Filter = filter;
        FiltersMessages = filter.Reference is not null || filter.Text is not null;
        DefaultYear = defaultYear;
        OnEntry = onEntry;
        EmitAll = emitAll;
        FromTicks = filter.From?.UtcTicks ?? long.MinValue;
        ToTicks = filter.To?.UtcTicks ?? long.MaxValue;
        Terminal = filter.Terminal is null ? null : Encoding.UTF8.GetBytes(filter.Terminal);
        Organization = filter.Organization is null ? null : Encoding.UTF8.GetBytes(filter.Organization);
        ReferenceUtf8 = filter.Reference is null ? [] : Encoding.UTF8.GetBytes(ReferenceToken.Normalize(filter.Reference));
        ReferenceKeys = options.ReferenceKeys.Select(k => Encoding.UTF8.GetBytes(k + "=")).ToArray();
        PatternTimeouts = new long[classifier.Rules.Count];
        foreach (var kind in filter.Kinds)
        {
            SelectedKinds[(int)kind] = true;
        }
    }

    public LogScanOptions Options { get; }

    /// <summary>The formats detection chooses from (a rules file's layouts first).</summary>
    public IReadOnlyList<Formats.LogFormat> Formats { get; }

    public LogClassifier Classifier { get; }

    /// <summary>Per rule, the lines of this scan (or ingest) on which its pattern ran past its time limit.</summary>
    public long[] PatternTimeouts { get; }

    public LogScanFilter Filter { get; }

    /// <summary>Whether a selected line must also match the filter's reference or text.</summary>
    public bool FiltersMessages { get; }

    public int DefaultYear { get; }

    public Action<LogEntry>? OnEntry { get; }

    /// <summary>Whether <see cref="OnEntry"/> receives every line in scope, or only the selected ones.</summary>
    public bool EmitAll { get; }

    public long FromTicks { get; }

    public long ToTicks { get; }

    public byte[]? Terminal { get; }

    public byte[]? Organization { get; }

    public byte[][] ReferenceKeys { get; }

    /// <summary>The filter's reference as UTF-8, empty when there is none.</summary>
    public byte[] ReferenceUtf8 { get; }

    public bool[] SelectedKinds { get; } = new bool[5];

    /// <summary>Finds the order or ticket reference in a message (<c>ref=T-1042</c>).</summary>
    public ReadOnlySpan<byte> FindReference(ReadOnlySpan<byte> message)
    {
        foreach (var key in ReferenceKeys)
        {
            var at = message.IndexOf(key);
            // A key starts a word: "xref=" is not "ref=", "(ref=" is.
            while (at > 0 && ReferenceToken.IsPart(message[at - 1]))
            {
                var again = message[(at + 1)..].IndexOf(key);
                at = again < 0 ? -1 : at + 1 + again;
            }

            if (at >= 0)
            {
                var value = ReferenceToken.Read(message[(at + key.Length)..]);
                if (!value.IsEmpty)
                {
                    return value;
                }
            }
        }

        return default;
    }
}

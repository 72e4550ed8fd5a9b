using System.IO.Hashing;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Ingest;

/// <summary>Whole lines read from a file and classified, with the checkpoint they reach.</summary>
internal sealed record IngestChunk(string Source, List<LogEntry> Entries, IngestCheckpoint Checkpoint);

/// <summary>Where a read of a file started: at its start (new), at its checkpoint, or again at its start.</summary>
internal enum FileReadStart
{
    /// <summary>Nothing of it was stored before: read from its start.</summary>
    New,

    /// <summary>Read from its checkpoint.</summary>
    Resumed,

    /// <summary>Another file is at its path (renamed away and replaced): read from its start.</summary>
    Rotated,

    /// <summary>Shorter than its checkpoint, or its first bytes changed (copied and truncated): read from its start.</summary>
    Truncated,
}

/// <summary>What reading one file from its checkpoint gave; <c>NotRead</c> says why a file that is not plain text was left alone.</summary>
internal readonly record struct FileReadOutcome(IngestCheckpoint? Checkpoint, long Lines, FileReadStart Start, long PendingBytes, string? NotRead = null)
{
    public bool Restarted => Start is FileReadStart.Rotated or FileReadStart.Truncated;
}

/// <summary>
/// Reads a plain log file from a checkpoint: finds where to start (or that the file was rotated or truncated and must be
/// read from its start), reads whole lines block by block, and hands them to the scanner's per-line parsing and
/// classification. A last line without its newline is left for the next read: it may still be being written. One reader
/// serves every pass of an ingest, and remembers where it left a file that ended inside an over-long line.
/// </summary>
internal sealed class LogFileReader
{
    public const int FingerprintBytes = 1024;
    private const int BlockBytes = 256 << 10;
    private const int DetectionSample = 64 << 10;

    private readonly ScanPlan _plan;
    private readonly BlockScanner _scanner;
    private readonly byte[] _buffer;
    private readonly string? _terminal;
    private readonly string? _organization;
    private readonly Dictionary<string, OverLongTail> _tails = new(StringComparer.Ordinal);
    private List<LogEntry> _entries = [];

    public LogFileReader(LogParsing parsing, LogIngestOptions options)
    {
        _terminal = options.Terminal;
        _organization = options.Organization;
        _plan = new ScanPlan(parsing.Options, parsing.Classifier, new LogScanFilter(), parsing.DefaultYear, Add, emitAll: true, parsing.Formats);
        _scanner = new BlockScanner(_plan);
        _buffer = new byte[Math.Max(BlockBytes, (parsing.Options.MaxLineLength * 2) + 2)];
    }

    public long MalformedLines { get; private set; }

    public List<MalformedLine> FirstMalformed { get; } = [];

    public long OverLongLines { get; private set; }

    public long UntimedLines { get; private set; }

    public List<LogPosition> FirstOverLong { get; } = [];

    public long BytesRead { get; private set; }

    /// <summary>Per rule name, the lines read so far on which its pattern ran past its time limit.</summary>
    public IReadOnlyDictionary<string, long> PatternTimeouts => _plan.Classifier.NameTimeouts(_plan.PatternTimeouts);

    /// <summary>The fingerprint of a file whose first bytes are <paramref name="head"/>, read up to <paramref name="offset"/>.</summary>
    public static ulong Fingerprint(ReadOnlySpan<byte> head, long offset) =>
        XxHash64.HashToUInt64(head[..(int)Math.Min(head.Length, offset)]);

    public async Task<FileReadOutcome> ReadAsync(string path, IngestCheckpoint? last, Func<IngestChunk, ValueTask> emit, CancellationToken cancellationToken)
    {
        _entries.Clear(); // what a read that failed inside an over-long line had kept for it
        var file = FileIdentity.OpenRegular(path, 1);
        await using (file.ConfigureAwait(false))
        {
            // Only what is there now is read, so that the fingerprint covers bytes that existed when it was taken.
            var length = file.Length;
            var identity = FileIdentity.Of(file.SafeFileHandle);
            var head = new byte[Math.Min(length, DetectionSample)];
            await file.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
            var content = InputContent.Of(head);
            if (content.Kind != InputContentKind.Text)
            {
                // Checkpoints are offsets in the file as written: a compressed or UTF-16 file has no such offsets to resume at.
                return new FileReadOutcome(last, 0, FileReadStart.New, 0, content.Kind switch
                {
                    _ when content.IsCompressed => $"{content.What}: compressed files are not ingested; scan them with posfleet scan",
                    InputContentKind.Utf16LittleEndian or InputContentKind.Utf16BigEndian =>
                        $"{content.What}: ingest reads UTF-8; convert it (iconv -f UTF-16 -t UTF-8) or scan it with posfleet scan",
                    _ => $"{content.What}, not text",
                });
            }

            var generation = last?.Generation ?? 0;
            long offset = 0, line = 0;
            var start = last is null ? FileReadStart.New : FileReadStart.Resumed;
            if (last is not null)
            {
                // Another file at the same path (renamed away and replaced) is new even when its size and first bytes
                // match; where either identity is unknown, size and fingerprint decide.
                var replaced = FileIdentity.IsReplacement(last.Identity, identity);
                if (replaced || length < last.Offset || Fingerprint(head.AsSpan(0, (int)Math.Min(head.Length, FingerprintBytes)), last.Offset) != last.Fingerprint)
                {
                    generation++;
                    start = replaced ? FileReadStart.Rotated : FileReadStart.Truncated;
                }
                else
                {
                    (offset, line) = (last.Offset, last.Line);
                }
            }

            if (offset == 0)
            {
                // A UTF-8 byte-order mark is not part of the first line.
                offset = content.Preamble;
            }

            var restarted = start is FileReadStart.Rotated or FileReadStart.Truncated;
            var (emittedOffset, emittedLine) = (offset, line);
            var skipping = false;
            if (_tails.Remove(path, out var tail) && !restarted && tail.Checkpoint == last && tail.Offset <= length
                && !FileIdentity.IsReplacement(tail.Identity, identity))
            {
                // The previous pass ended inside an over-long line, already counted (and skipped, never stored): go on from
                // where it stopped rather than scan (and report) that line again from its start.
                if (tail.Offset == length)
                {
                    _tails[path] = tail;
                    return new FileReadOutcome(last, 0, start, length - emittedOffset);
                }

                (offset, line, skipping, _entries) = (tail.Offset, tail.Line, true, tail.Entries);
            }

            if (offset >= length)
            {
                // A file that restarted and is still empty keeps its new generation, so that what is written to it next
                // is stored as that generation rather than rejected as behind the old one.
                var kept = restarted ? new IngestCheckpoint(path, 0, 0, Fingerprint([], 0), identity, generation) : last;
                return new FileReadOutcome(kept, 0, start, 0);
            }

            var modified = File.GetLastWriteTimeUtc(file.SafeFileHandle).Ticks;
            var format = _plan.Options.Format ?? LogFormatDetector.Detect(
                head.AsSpan(content.Preamble), _plan.Formats, modified > 0 ? new DateTime(modified, DateTimeKind.Utc).Year : _plan.DefaultYear, modified);
            var rule = ContinuationLine.RuleOf(format);
            var fingerprintHead = head.AsMemory(0, (int)Math.Min(head.Length, FingerprintBytes));
            file.Position = offset;
            var checkpoint = last;
            var filled = 0;
            long lines = 0;
            while (offset + filled < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(_buffer.Length - filled, length - offset - filled);
                var read = await file.ReadAsync(_buffer.AsMemory(filled, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                BytesRead += read;
                var consumed = 0;
                if (skipping)
                {
                    // The rest of a line longer than the buffer: already counted as over-long, dropped up to its newline.
                    var nl = _buffer.AsSpan(0, filled).IndexOf((byte)'\n');
                    consumed = nl < 0 ? filled : nl + 1;
                    skipping = nl < 0;
                }

                var complete = _buffer.AsSpan(consumed, filled - consumed).LastIndexOf((byte)'\n') + 1;
                if (complete == 0 && !skipping && filled == _buffer.Length)
                {
                    complete = filled - consumed;
                    skipping = true;
                }

                if (rule != ContinuationRule.None && !skipping && complete > 0 && offset + filled < length)
                {
                    // More of the file follows: the last entry waits for it (its continuation lines may be there), so that
                    // a checkpoint never falls inside an entry.
                    var entry = BlockScanner.LastEntryStart(_buffer.AsSpan(consumed, complete), rule);
                    complete = entry > 0 ? entry : complete;
                }

                var blockLines = complete == 0 ? 0 : ScanBlock(_buffer.AsSpan(consumed, complete), format, path, line + 1, modified);
                consumed += complete;
                if (consumed == 0)
                {
                    continue;
                }

                offset += consumed;
                line += blockLines;
                _buffer.AsSpan(consumed, filled - consumed).CopyTo(_buffer);
                filled -= consumed;
                if (skipping)
                {
                    // Inside an over-long line: a checkpoint here would make the next run (after a kill) start in the
                    // middle of that line and count its rest as one more line.
                    continue;
                }

                lines += line - emittedLine;
                (emittedOffset, emittedLine) = (offset, line);
                checkpoint = new IngestCheckpoint(path, offset, line, Fingerprint(fingerprintHead.Span, offset), identity, generation);
                var chunk = new IngestChunk(path, _entries, checkpoint);
                _entries = new List<LogEntry>(Math.Max(16, chunk.Entries.Count));
                await emit(chunk).ConfigureAwait(false);
            }

            if (skipping)
            {
                // The file ends inside an over-long line (it may still be being written): its checkpoint stays before it,
                // so that another ingest starts again from that line's start. The next pass of this one goes on from here
                // without reading that line again; lines of it counted here are counted when it ends.
                _tails[path] = new OverLongTail(checkpoint, identity, offset, line, _entries);
                _entries = [];
                return new FileReadOutcome(checkpoint, lines, start, length - emittedOffset);
            }

            return new FileReadOutcome(checkpoint, lines, start, filled);
        }
    }

    private long ScanBlock(ReadOnlySpan<byte> block, LogFormat format, string path, long firstLine, long modified)
    {
        // The scanner keeps counting into one aggregate: what this block added is the difference.
        var running = _scanner.Running;
        var malformedBefore = running.Malformed;
        var reportedBefore = running.FirstMalformed.Count;
        var overLongBefore = running.OverLong;
        var untimedBefore = running.Untimed;
        var overLongReportedBefore = running.FirstOverLong.Count;
        var lines = _scanner.Scan(block, format, 0, 0, endOfInput: false, path, firstLine, modified);
        MalformedLines += running.Malformed - malformedBefore;
        OverLongLines += running.OverLong - overLongBefore;
        UntimedLines += running.Untimed - untimedBefore;
        foreach (var position in running.FirstOverLong.Skip(overLongReportedBefore))
        {
            if (FirstOverLong.Count < _plan.Options.MalformedLinesReported)
            {
                FirstOverLong.Add(new LogPosition(path, firstLine + position.Line - 1));
            }
        }

        foreach (var (position, reason) in running.FirstMalformed.Skip(reportedBefore))
        {
            if (FirstMalformed.Count < _plan.Options.MalformedLinesReported)
            {
                FirstMalformed.Add(new MalformedLine(new LogPosition(path, firstLine + position.Line - 1), reason));
            }
        }

        return lines;
    }

    /// <summary>
    /// Where a read stopped inside an over-long line: the checkpoint before the line, the file's identity, the offset and
    /// line number reached, and the entries read of it, waiting for its end.
    /// </summary>
    private sealed record OverLongTail(IngestCheckpoint? Checkpoint, string? Identity, long Offset, long Line, List<LogEntry> Entries);

    private void Add(LogEntry entry)
    {
        if ((entry.Terminal is null && _terminal is not null) || (entry.Organization is null && _organization is not null))
        {
            entry = entry with { Terminal = entry.Terminal ?? _terminal, Organization = entry.Organization ?? _organization };
        }

        _entries.Add(entry);
    }
}

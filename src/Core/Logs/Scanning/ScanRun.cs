using System.IO.Compression;
using System.IO.MemoryMappedFiles;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Ingest;

namespace PosFleet.Logs.Scanning;

/// <summary>One scan in progress: reads each input, block by block, and keeps the merged aggregate.</summary>
internal sealed partial class ScanRun(ScanPlan plan, IProgress<LogScanProgress>? progress)
{
    private const int DetectionSample = 64 << 10;

    private readonly ScanAggregate _total = new(plan.Options.MaxTerminals);
    private readonly List<ScannedSource> _scanned = [];
    private readonly Dictionary<int, long[]> _blockFirstLines = [];
    private readonly Dictionary<int, string> _sourceNames = [];
    private long _bytesRead;

    public List<SourceError> Errors { get; } = [];

    public List<SkippedSource> Skipped { get; } = [];

    public long BytesTotal { get; set; }

    public async Task ScanSourceAsync(int index, ScanInput input, CancellationToken cancellationToken)
    {
        _sourceNames[index] = input.Name;
        try
        {
            if (input.IsStandardInput)
            {
                await ScanOpenedAsync(index, input.Name, Console.OpenStandardInput(), cancellationToken).ConfigureAwait(false);
            }
            else if (input.Length == 0)
            {
                Errors.Add(new SourceError(input.Name, File.Exists(input.Name)
                    ? $"The file '{input.Name}' is empty."
                    : $"The file '{input.Name}' no longer exists (rotated or removed while the scan started)."));
            }
            else if (!await Task.Run(() => TryScanMapped(index, input, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                // Compressed (whatever its name), UTF-16, or not text at all: told by its first bytes, never read as text.
                await ScanOpenedAsync(index, input.Name, FileIdentity.OpenRegular(input.Name, 1 << 16), cancellationToken, File.GetLastWriteTimeUtc(input.Name).Ticks).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Errors.Add(new SourceError(input.Name, $"The file '{input.Name}' could not be read: {ex.Message}"));
        }
    }

    /// <summary>Reads the text of a stream, or notes why it is not read; disposes the stream.</summary>
    /// <param name="modifiedTicks">When the file was last written (UTC ticks), 0 for a pipe: as for a mapped file, the year of timestamps that carry none and the time of untimed entries.</param>
    private async Task ScanOpenedAsync(int index, string name, Stream raw, CancellationToken cancellationToken, long modifiedTicks = 0)
    {
        var (text, notRead) = await TextInput.OpenAsync(raw, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            Skipped.Add(new SkippedSource(name, notRead!));
            return;
        }

        await using (text.ConfigureAwait(false))
        {
            await ScanStreamAsync(index, name, text, cancellationToken, modifiedTicks).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Scans a file in place (memory-mapped) when its first bytes say it holds UTF-8 text; otherwise returns false. The file
    /// is opened once: the bytes told apart are those of the file mapped.
    /// </summary>
    private bool TryScanMapped(int index, ScanInput input, CancellationToken cancellationToken)
    {
        using var file = FileIdentity.OpenRegular(input.Name, 1);
        if (TextInput.Of(file) is not { Kind: InputContentKind.Text } text)
        {
            return false;
        }

        ScanMapped(index, input, file, text.Preamble, cancellationToken);
        return true;
    }

    /// <param name="file">The file, open; left open.</param>
    /// <param name="preamble">The bytes before the text: a UTF-8 byte-order mark, never part of the first line.</param>
    private unsafe void ScanMapped(int index, ScanInput input, FileStream file, int preamble, CancellationToken cancellationToken)
    {
        var length = file.Length - preamble;
        if (length == 0)
        {
            Errors.Add(new SourceError(input.Name, $"The file '{input.Name}' is empty."));
            return;
        }

        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, length + preamble, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            MemoryHints.WillReadInOrder(pointer + view.PointerOffset, length + preamble);
            var data = pointer + view.PointerOffset + preamble;
            var modified = File.GetLastWriteTimeUtc(file.SafeFileHandle).Ticks;
            var format = plan.Options.Format ?? LogFormatDetector.Detect(
                new ReadOnlySpan<byte>(data, (int)Math.Min(length, DetectionSample)), plan.Formats, YearOf(modified), modified);
            var blocks = Split(data, length, BlockSize(length), TailBlockSize(length), Readers, ContinuationLine.RuleOf(format));
            var lines = new long[blocks.Count];
            void ScanBlock(BlockScanner scanner, int b, long firstLine)
            {
                var (start, count) = blocks[b];
                MemoryHints.WillRead(data + start, count);
                lines[b] = scanner.Scan(new ReadOnlySpan<byte>(data + start, count), format, index, b, b == blocks.Count - 1, input.Name, firstLine, modified);
                Report(count);
            }

            var workers = Math.Clamp(Readers, 1, blocks.Count);
            if (workers == 1)
            {
                // In order on one core: entries are handed over in input order, with their line numbers.
                var scanner = new BlockScanner(plan, cancellationToken);
                long firstLine = 1;
                for (var b = 0; b < blocks.Count; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ScanBlock(scanner, b, firstLine);
                    firstLine += lines[b];
                }

                AddToTotal(scanner.Complete(countNumbered: false));
            }
            else
            {
                // One scanner (and aggregate) per worker, taking the next block as it finishes one: memory grows with the
                // workers, not with the blocks, and a slow block does not hold up the others.
                var scanners = new BlockScanner[workers];
                var next = -1;
                Parallel.For(
                    0,
                    workers,
                    new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                    w =>
                    {
                        var scanner = scanners[w] = new BlockScanner(plan, cancellationToken);
                        int b;
                        while ((b = Interlocked.Increment(ref next)) < blocks.Count)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            ScanBlock(scanner, b, 0);
                        }
                    });
                AddWorkersParts(scanners);
            }

            RecordBlocks(index, lines);
            _scanned.Add(new ScannedSource(input.Name, format.Name, lines.Sum(), length));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    /// <summary>
    /// Adds the workers' parts to the total. Each worker's terminal counts per template are exact: added up before the
    /// summaries are trimmed, they stay exact whichever worker read the lines. The parts are added up first, while their
    /// templates still count terminals by number, and the sum then counted once.
    /// </summary>
    private void AddWorkersParts(BlockScanner[] scanners)
    {
        var merged = scanners[0].Complete(countNumbered: false);
        for (var w = 1; w < scanners.Length; w++)
        {
            merged.Merge(scanners[w].Complete(countNumbered: false), plan.Options.MalformedLinesReported);
        }

        AddToTotal(merged);
    }

    private async Task ScanStreamAsync(int index, string name, Stream stream, CancellationToken cancellationToken, long modifiedTicks = 0)
    {
        var maxLine = plan.Options.MaxLineLength;
        var buffer = new byte[Math.Max(1 << 20, maxLine * 4)];
        var scanner = new BlockScanner(plan, cancellationToken);
        LogFormat? format = plan.Options.Format;
        var filled = 0;
        var blockLines = new List<long>();
        long bytes = 0;
        long lineNumber = 1;
        var skipping = false;
        var endOfInput = false;
        while (!endOfInput)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            endOfInput = read == 0;
            filled += read;
            bytes += read;
            var data = buffer.AsSpan(0, filled);
            if (skipping)
            {
                // The rest of a line longer than the buffer: already counted as over-long, dropped up to its newline.
                var nl = data.IndexOf((byte)'\n');
                if (nl < 0)
                {
                    filled = 0;
                    continue;
                }

                skipping = false;
                data[(nl + 1)..].CopyTo(buffer);
                filled -= nl + 1;
                data = buffer.AsSpan(0, filled);
            }

            var complete = endOfInput ? filled : data.LastIndexOf((byte)'\n') + 1;
            if (complete == 0 && filled == buffer.Length)
            {
                complete = filled;
                skipping = true;
            }

            if (complete == 0)
            {
                if (endOfInput)
                {
                    break;
                }

                continue;
            }

            format ??= LogFormatDetector.Detect(data[..Math.Min(complete, DetectionSample)], plan.Formats, YearOf(modifiedTicks), modifiedTicks);
            if (!endOfInput && !skipping && ContinuationLine.RuleOf(format) is var rule and not ContinuationRule.None)
            {
                // The last entry waits for the next read: its continuation lines may be in it. When it is the only one,
                // the buffer fills before any of it is read, as a file cut into blocks never starts one with them.
                var entry = BlockScanner.LastEntryStart(data[..complete], rule);
                if (entry == 0 && filled < buffer.Length)
                {
                    continue;
                }

                complete = entry > 0 ? entry : complete;
            }

            var lines = scanner.Scan(data[..complete], format, index, blockLines.Count, endOfInput, name, lineNumber, modifiedTicks);
            lineNumber += lines;
            blockLines.Add(lines);
            data[complete..].CopyTo(buffer);
            filled -= complete;
            Report(complete);
        }

        AddToTotal(scanner.Complete(countNumbered: false));
        if (bytes == 0)
        {
            Errors.Add(new SourceError(name, name == "-" ? "Standard input is empty." : $"The file '{name}' is empty."));
            return;
        }

        RecordBlocks(index, [.. blockLines]);
        _scanned.Add(new ScannedSource(name, format?.Name ?? LogFormats.Plain.Name, blockLines.Sum(), bytes));
    }

    private void RecordBlocks(int index, long[] lines)
    {
        var first = new long[lines.Length];
        long next = 1;
        for (var b = 0; b < lines.Length; b++)
        {
            first[b] = next;
            next += lines[b];
        }

        _blockFirstLines[index] = first;
    }

    private void Report(long bytes)
    {
        var read = Interlocked.Add(ref _bytesRead, bytes);
        progress?.Report(new LogScanProgress(read, BytesTotal));
    }

    private int YearOf(long ticks) => ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc).Year : plan.DefaultYear;

    /// <summary>
    /// Adds an input's part to the scan's total: its templates' numbered counts handed over (those the total does not hold
    /// yet trimmed at once, <see cref="ScanAggregate.CountNumbered(ScanAggregate)"/>), then merged, then every template
    /// pruned back within its bound.
    /// </summary>
    private void AddToTotal(ScanAggregate part)
    {
        part.CountNumbered(into: _total);
        _total.Merge(part, plan.Options.MalformedLinesReported);
        _total.TrimTemplates();
    }
}

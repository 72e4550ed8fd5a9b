using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Ingest;

/// <summary>
/// The ingester: reading and classifying run on one side, batched appends (entries and checkpoint in one transaction) on
/// the other, joined by a bounded channel so that memory stays bounded when the store is slow.
/// </summary>
internal sealed partial class LogIngester(
    LogParsing parsing, ILogStore store, IOptions<LogIngestOptions> defaults, ILogger<LogIngester>? logger = null) : ILogIngester
{
    // A container without logging (a tool, a test) still ingests; a host's logging receives what it does.
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    private async Task<LogIngestSummary> IngestUnmeasuredAsync(LogIngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.Paths);
        var options = request.Options ?? defaults.Value;
        LogIngestOptionsValidator.ThrowIfInvalid(options);

        var channel = Channel.CreateBounded<IngestChunk>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = new ReadSide(parsing, store, options, request.Progress, _logger);
        var readTask = Task.Run(() => reading.RunAsync(request.Paths, channel.Writer, stop.Token), CancellationToken.None);
        var stored = new Dictionary<string, Committed>(StringComparer.Ordinal);
        try
        {
            await WriteAsync(channel.Reader, options.BatchSize, stored).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The store failed: stop the reading side, which would otherwise wait for room in the channel.
            Log.StoreFailed(_logger, ex);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(readTask).ConfigureAwait(false);
            throw;
        }

        var canceled = false;
        try
        {
            await readTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            canceled = true;
        }

        var summary = new LogIngestSummary
        {
            Sources = Summarize(reading, stored, canceled),
            MalformedLines = reading.Reader.MalformedLines,
            FirstMalformed = reading.Reader.FirstMalformed,
            Errors = reading.Errors,
            Skipped = reading.Skipped,
            OverLongLines = reading.Reader.OverLongLines,
            FirstOverLong = reading.Reader.FirstOverLong,
            UntimedLines = reading.Reader.UntimedLines,
            Canceled = canceled,
            PatternTimeouts = reading.Reader.PatternTimeouts,
        };
        foreach (var (rule, lines) in summary.PatternTimeouts)
        {
            Log.PatternTimedOut(_logger, rule, lines, parsing.Classifier.PatternTimeout);
        }

        Log.Finished(_logger, summary.Sources.Count, summary.LinesRead, summary.NewEntries, summary.MalformedLines, summary.Errors.Count, canceled);
        return summary;
    }

    /// <summary>
    /// Each source as committed: its new entries are those of its committed batches (what the store holds), and the file
    /// an interruption stopped inside is listed too, with the lines its last committed checkpoint covers.
    /// </summary>
    private static List<IngestedSource> Summarize(ReadSide reading, Dictionary<string, Committed> stored, bool canceled)
    {
        var sources = reading.Sources.Select(s => s with { NewEntries = stored.GetValueOrDefault(s.Source)?.Entries ?? 0 }).ToList();
        if (canceled && reading.Current is { } current)
        {
            // The lines of the current pass over it that a commit covers: past its start, or from 0 when it restarted.
            var line = stored.GetValueOrDefault(current.Source)?.Line ?? current.StartLine;
            var lines = line >= current.StartLine ? line - current.StartLine : line;
            var index = sources.FindIndex(s => s.Source == current.Source);
            var entries = stored.GetValueOrDefault(current.Source)?.Entries ?? 0;
            if (index >= 0)
            {
                sources[index] = sources[index] with { LinesRead = sources[index].LinesRead + lines, NewEntries = entries, Interrupted = true };
            }
            else
            {
                sources.Add(new IngestedSource(current.Source, lines, entries, false, 0) { Interrupted = true });
            }
        }

        return sources;
    }

    private async Task WriteAsync(ChannelReader<IngestChunk> reader, int batchSize, Dictionary<string, Committed> stored)
    {
        var entries = new List<LogEntry>();
        IngestChunk? last = null;

        async Task FlushAsync()
        {
            if (last is null)
            {
                return;
            }

            // Not cancelable: what was read is stored before the ingest stops.
            var added = await store.AppendAsync(new LogBatch(entries.ToArray(), last.Checkpoint), CancellationToken.None).ConfigureAwait(false);
            stored[last.Source] = new Committed((stored.GetValueOrDefault(last.Source)?.Entries ?? 0) + added, last.Checkpoint.Line);
            Log.BatchCommitted(_logger, last.Source, entries.Count, added, last.Checkpoint.Line, last.Checkpoint.Offset);
            entries.Clear();
            last = null;
        }

        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var chunk))
            {
                if (last is not null && (last.Source != chunk.Source || entries.Count + chunk.Entries.Count > batchSize))
                {
                    await FlushAsync().ConfigureAwait(false);
                }

                entries.AddRange(chunk.Entries);
                last = chunk;
            }

            // Nothing more is waiting: store what there is rather than hold it (followed files stay fresh).
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The reading side: resolves the inputs, reads each from its checkpoint, and writes chunks to the channel.</summary>
    private sealed class ReadSide(LogParsing parsing, ILogStore store, LogIngestOptions options, IProgress<LogScanProgress>? progress, ILogger logger)
    {
        private long _malformedLogged;
        private long _overLongLogged;

        private readonly Dictionary<string, IngestCheckpoint?> _positions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IngestedSource> _sources = new(StringComparer.Ordinal);
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

        public LogFileReader Reader { get; } = new(parsing, options);

        public List<SourceError> Errors { get; } = [];

        public List<SkippedSource> Skipped { get; } = [];

        public IEnumerable<IngestedSource> Sources => _sources.Values;

        /// <summary>The file being read, with the line its read started after; <see langword="null"/> between files.</summary>
        public (string Source, long StartLine)? Current { get; private set; }

        public async Task RunAsync(IReadOnlyList<string> paths, ChannelWriter<IngestChunk> writer, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    await PassAsync(paths, writer, cancellationToken).ConfigureAwait(false);
                    if (!options.Follow)
                    {
                        return;
                    }

                    await Task.Delay(options.PollInterval, parsing.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                writer.Complete();
            }
        }

        private async Task PassAsync(IReadOnlyList<string> paths, ChannelWriter<IngestChunk> writer, CancellationToken cancellationToken)
        {
            var errors = new List<SourceError>();
            var skipped = new List<SkippedSource>();
            var inputs = ScanInputs.Resolve(paths, options.DirectoryGlob, errors, skipped);
            var total = inputs.Sum(i => i.Length - (i.IsStandardInput ? 0 : _positions.GetValueOrDefault(Path.GetFullPath(i.Name))?.Offset ?? 0));
            foreach (var input in inputs)
            {
                if (input.IsStandardInput)
                {
                    errors.Add(new SourceError(input.Name, "Standard input cannot be ingested incrementally: write it to a file and ingest the file."));
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();

                // One file is one source however it was spelled (a.log, ./a.log, /abs/a.log).
                var name = Path.GetFullPath(input.Name);
                if (!_positions.TryGetValue(name, out var last))
                {
                    last = await store.GetCheckpointAsync(name, cancellationToken).ConfigureAwait(false);
                }

                FileReadOutcome outcome;
                Current = (name, last?.Line ?? 0);
                try
                {
                    outcome = await Reader.ReadAsync(
                        name,
                        last,
                        async chunk =>
                        {
                            await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                            progress?.Report(new LogScanProgress(Reader.BytesRead, total));
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Current = null;
                    errors.Add(new SourceError(name, $"The file '{name}' could not be read: {ex.Message}"));
                    continue;
                }

                Current = null;
                if (outcome.NotRead is not null)
                {
                    skipped.Add(new SkippedSource(name, outcome.NotRead));
                    continue;
                }

                _positions[name] = outcome.Checkpoint;
                var seen = _sources.GetValueOrDefault(name);
                LogStart(name, outcome, last, firstLook: seen is null);
                seen ??= new IngestedSource(name, 0, 0, false, 0);
                _sources[name] = seen with
                {
                    LinesRead = seen.LinesRead + outcome.Lines,
                    Restarted = seen.Restarted || outcome.Restarted,
                    PendingBytes = outcome.PendingBytes,
                };
            }

            // A followed input that stays missing is reported once, not at every look.
            foreach (var error in errors.Where(e => _reported.Add(e.Message)))
            {
                Errors.Add(error);
                Log.SourceFailed(logger, error.Source, error.Message);
            }

            foreach (var skip in skipped.Where(s => _reported.Add(s.Source + "\n" + s.Reason)))
            {
                Skipped.Add(skip);
                Log.SourceSkipped(logger, skip.Source, skip.Reason);
            }

            if (Reader.OverLongLines > _overLongLogged)
            {
                Log.OverLongLines(logger, Reader.OverLongLines - _overLongLogged, Reader.FirstOverLong.Count > 0 ? Reader.FirstOverLong[0].ToString() : "");
                _overLongLogged = Reader.OverLongLines;
            }

            if (Reader.MalformedLines > _malformedLogged)
            {
                Log.MalformedLines(logger, Reader.MalformedLines - _malformedLogged, Reader.FirstMalformed.Count > 0 ? Reader.FirstMalformed[0].Position.ToString() : "");
                _malformedLogged = Reader.MalformedLines;
            }
        }

        private void LogStart(string name, FileReadOutcome outcome, IngestCheckpoint? last, bool firstLook)
        {
            switch (outcome.Start)
            {
                case FileReadStart.Rotated:
                    Log.SourceRotated(logger, name);
                    break;
                case FileReadStart.Truncated:
                    Log.SourceTruncated(logger, name, last?.Offset ?? 0);
                    break;
                case FileReadStart.New when firstLook:
                    Log.SourceStarted(logger, name);
                    break;
                case FileReadStart.Resumed when firstLook:
                    Log.SourceResumed(logger, name, last?.Line ?? 0, last?.Offset ?? 0);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>What the store holds of one source from this ingest: its new entries and the line its last commit covers.</summary>
    private sealed record Committed(long Entries, long Line);
}

using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Ingest;

/// <summary>
/// Reads log files into an <see cref="ILogStore"/>, incrementally: each file from the checkpoint the store holds for it.
/// Reading and classifying run on one side, batched appends (entries and checkpoint in one transaction) on the other,
/// joined by a bounded channel so that memory stays bounded when the store is slow.
/// </summary>
public sealed class LogIngester
{
    private readonly LogScanner _scanner;
    private readonly ILogStore _store;
    private readonly LogIngestOptions? _defaults;

    /// <summary>Creates an ingester.</summary>
    /// <param name="scanner">Parses and classifies the lines.</param>
    /// <param name="store">Where the entries and checkpoints go.</param>
    public LogIngester(LogScanner scanner, ILogStore store)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(store);
        _scanner = scanner;
        _store = store;
    }

    /// <summary>The ingester that dependency injection makes: <see cref="LogIngestOptions"/> as configured are its defaults.</summary>
    internal LogIngester(LogScanner scanner, ILogStore store, IOptions<LogIngestOptions> defaults)
        : this(scanner, store) => _defaults = defaults.Value;

    /// <summary>
    /// Ingests what is new in <paramref name="paths"/> (files, or directories read recursively). With
    /// <see cref="LogIngestOptions.Follow"/>, keeps going until <paramref name="cancellationToken"/> is canceled.
    /// Cancellation stops the reading; everything read until then is stored before this returns.
    /// </summary>
    /// <param name="paths">Files or directories.</param>
    /// <param name="options">
    /// The options; <see langword="null"/> for those configured with <c>AddLogs</c> (or the defaults when the ingester was
    /// not made by dependency injection).
    /// </param>
    /// <param name="progress">Receives the bytes read.</param>
    /// <param name="cancellationToken">Stops the ingest.</param>
    /// <returns>What was read and stored.</returns>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it and what to use.</exception>
    public async Task<LogIngestSummary> IngestAsync(
        IReadOnlyList<string> paths, LogIngestOptions? options = null, IProgress<LogScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= _defaults ?? new LogIngestOptions();
        LogIngestOptionsValidator.ThrowIfInvalid(options);

        var channel = Channel.CreateBounded<IngestChunk>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = new ReadSide(_scanner, _store, options, progress);
        var readTask = Task.Run(() => reading.RunAsync(paths, channel.Writer, stop.Token), CancellationToken.None);
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await WriteAsync(channel.Reader, options.BatchSize, stored).ConfigureAwait(false);
        }
        catch
        {
            // The store failed: stop the reading side, which would otherwise wait for room in the channel.
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

        return new LogIngestSummary
        {
            Sources = [.. reading.Sources.Select(s => s with { NewEntries = stored.GetValueOrDefault(s.Source) })],
            MalformedLines = reading.Reader.MalformedLines,
            FirstMalformed = reading.Reader.FirstMalformed,
            Errors = reading.Errors,
            Canceled = canceled,
        };
    }

    private async Task WriteAsync(ChannelReader<IngestChunk> reader, int batchSize, Dictionary<string, long> stored)
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
            var added = await _store.AppendAsync(new LogBatch(entries.ToArray(), last.Checkpoint), CancellationToken.None).ConfigureAwait(false);
            stored[last.Source] = stored.GetValueOrDefault(last.Source) + added;
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
    private sealed class ReadSide(LogScanner scanner, ILogStore store, LogIngestOptions options, IProgress<LogScanProgress>? progress)
    {
        private readonly Dictionary<string, IngestCheckpoint?> _positions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IngestedSource> _sources = new(StringComparer.Ordinal);
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

        public LogFileReader Reader { get; } = new(scanner, options);

        public List<SourceError> Errors { get; } = [];

        public IEnumerable<IngestedSource> Sources => _sources.Values;

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

                    await Task.Delay(options.PollInterval, scanner.TimeProvider, cancellationToken).ConfigureAwait(false);
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
            var inputs = ScanInputs.Resolve(paths, scanner.Options.DirectoryGlob, errors);
            var total = inputs.Sum(i => i.Length - (i.IsStandardInput ? 0 : _positions.GetValueOrDefault(Path.GetFullPath(i.Name))?.Offset ?? 0));
            foreach (var input in inputs)
            {
                if (input.IsStandardInput || input.IsCompressed)
                {
                    errors.Add(new SourceError(input.Name, input.IsStandardInput
                        ? "Standard input cannot be ingested incrementally: write it to a file and ingest the file."
                        : $"The file '{input.Name}' is compressed: ingest reads plain files; decompress it first."));
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
                    errors.Add(new SourceError(name, $"The file '{name}' could not be read: {ex.Message}"));
                    continue;
                }

                _positions[name] = outcome.Checkpoint;
                var seen = _sources.GetValueOrDefault(name) ?? new IngestedSource(name, 0, 0, false, 0);
                _sources[name] = seen with
                {
                    LinesRead = seen.LinesRead + outcome.Lines,
                    Restarted = seen.Restarted || outcome.Restarted,
                    PendingBytes = outcome.PendingBytes,
                };
            }

            // A followed input that stays missing is reported once, not at every look.
            Errors.AddRange(errors.Where(e => _reported.Add(e.Message)));
        }
    }
}

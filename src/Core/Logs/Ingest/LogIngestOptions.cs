namespace PosFleet.Logs.Ingest;

/// <summary>
/// How an <see cref="ILogIngester"/> reads logs into a store, and what the ingest service of <c>AddLogIngest</c> tails.
/// </summary>
public sealed class LogIngestOptions
{
    /// <summary>
    /// What the ingest service of <c>AddLogIngest</c> tails: files, file-name patterns (<c>/var/log/pos/till-*.log</c>, the
    /// matching files of that directory, looked up again at each pass), or directories read recursively (the files whose
    /// name matches <see cref="DirectoryGlob"/>; symbolic links followed, each directory and file read once however many
    /// links lead to it, FIFOs, sockets and devices skipped with a warning and never opened, see
    /// <see cref="LogIngestSummary.Skipped"/>). A call to <see cref="ILogIngester.IngestAsync"/> names its own paths.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IList<string> Paths { get; } = [];

    /// <summary>The file-name pattern of the files read from directories.</summary>
    /// <value>
    /// The default value is <c>*.log</c>, so that rotated copies such as <c>app.log.1</c> are not stored a second time.
    /// </value>
    public string DirectoryGlob { get; set; } = "*.log";

    /// <summary>The organization given to lines that name none (a terminal's own log rarely names its shop).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Organization { get; set; }

    /// <summary>The terminal given to lines that name none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Terminal { get; set; }

    /// <summary>Whether to keep reading the files as they grow and rotate until canceled (as <c>tail -F</c> does).</summary>
    /// <value>The default value is <see langword="false"/>; <c>AddLogIngest</c> sets it to <see langword="true"/>.</value>
    public bool Follow { get; set; }

    /// <summary>How often followed files are looked at again.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The most entries appended in one transaction. Larger batches ingest faster (fewer full-text segments and rollup
    /// writes) and hold the write lock longer; readers are never blocked (WAL), other writers wait up to the busy timeout.
    /// </summary>
    /// <value>The default value is 65536.</value>
    public int BatchSize { get; set; } = 65536;

    /// <summary>How many blocks of read and classified lines may wait for the writer; bounds memory when the disk is slow.</summary>
    /// <value>The default value is 8.</value>
    public int ChannelCapacity { get; set; } = 8;
}

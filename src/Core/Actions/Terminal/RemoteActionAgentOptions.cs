namespace PosFleet.Actions.Terminal;

/// <summary>How a terminal runs remote actions and reports on them; checked at start-up.</summary>
public sealed class RemoteActionAgentOptions
{
    /// <summary>The longest detail or output sent with an outcome (characters); the rest is cut, saying so.</summary>
    /// <value>The default value is 8,192.</value>
    public int MaxOutputChars { get; set; } = 8192;

    /// <summary>The most reports sent in one exchange.</summary>
    /// <value>The default value is 50.</value>
    public int MaxReportsPerExchange { get; set; } = 50;

    /// <summary>The size of one upload chunk; one chunk goes in each exchange, and a sync keeps exchanging while an upload remains.</summary>
    /// <value>The default value is 512 KiB (the back office's endpoint takes requests of up to 4 MiB by default).</value>
    public int UploadChunkBytes { get; set; } = 512 * 1024;

    /// <summary>The wait before the next attempt of an action whose attempt failed transiently or timed out.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past an attempt's timeout the engine still waits for a handler that does not stop at its token. Then the
    /// attempt is abandoned: the action fails ("timed out", not retried, as the handler may still be running) and the
    /// next action runs.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TimeoutGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where handlers write the files they upload (a folder per action, deleted once its upload is acknowledged).</summary>
    /// <value>The default value is <c>posfleet-actions</c> in the system's temporary folder.</value>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "posfleet-actions");

    /// <summary>The log files retrieve-logs reads: files, or folders whose files are all read.</summary>
    /// <value>The default value is an empty list (retrieve-logs is then rejected, saying so).</value>
    public IList<string> LogPaths { get; } = [];

    /// <summary>The largest archive retrieve-logs makes, whatever the request asks.</summary>
    /// <value>The default value is 50 MiB.</value>
    public long MaxLogArchiveBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Whether actions run in the background after each exchange. A host that calls <see cref="IRemoteActionRunner.RunPendingAsync"/> itself turns it off.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableBackground { get; set; } = true;

    /// <summary>
    /// How long a finished action stays in the journal once its outcome is acknowledged (received longer ago than this);
    /// the back office never delivers an acknowledged action again, so it only serves as history.
    /// </summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan JournalRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the finished entries older than <see cref="JournalRetention"/> are deleted.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}

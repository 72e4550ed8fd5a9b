namespace PosFleet.Logs.Formats;

/// <summary>
/// The property names a JSON-lines format reads each field from, for <see cref="LogFormats.Json(JsonLogFormatOptions)"/>.
/// Each list is tried in order; the first name present on a line wins. Names are matched exactly (case-sensitive),
/// at the top level of the object.
/// </summary>
public sealed class JsonLogFormatOptions
{
    /// <summary>The name the format is selected by.</summary>
    /// <value>The default value is <c>json</c>.</value>
    public string Name { get; set; } = "json";

    /// <summary>
    /// Properties holding the timestamp: an ISO-8601 string, or Unix seconds, milliseconds or microseconds (a number,
    /// or digits in a string as the journal writes them, or PowerShell 5's <c>/Date(milliseconds)/</c>).
    /// </summary>
    /// <value>
    /// The default value is <c>@t</c>, <c>timestamp</c>, <c>@timestamp</c>, <c>time</c>, <c>ts</c>,
    /// <c>__REALTIME_TIMESTAMP</c> (<c>journalctl -o json</c>), <c>TimeCreated</c> (<c>Get-WinEvent | ConvertTo-Json</c>).
    /// </value>
    public IList<string> TimestampFields { get; } = ["@t", "timestamp", "@timestamp", "time", "ts", "__REALTIME_TIMESTAMP", "TimeCreated"];

    /// <summary>
    /// Properties holding the level: a word, or a number (as a number or a string of digits): 0 to 7 a syslog severity
    /// (GELF, the journal's <c>PRIORITY</c>; 0 to 3 are errors), from 8 on a pino / bunyan level (30 = info, 50 = error …).
    /// Windows event exports (<c>Get-WinEvent | ConvertTo-Json</c>) are read by <c>LevelDisplayName</c>
    /// (Critical, Error, Warning, Information, Verbose).
    /// </summary>
    /// <value>
    /// The default value is <c>@l</c>, <c>level</c>, <c>severity</c>, <c>lvl</c>, <c>loglevel</c>, <c>LevelDisplayName</c>,
    /// <c>PRIORITY</c>.
    /// </value>
    public IList<string> LevelFields { get; } = ["@l", "level", "severity", "lvl", "loglevel", "LevelDisplayName", "PRIORITY"];

    /// <summary>Properties holding the message.</summary>
    /// <value>The default value is <c>@m</c>, <c>message</c>, <c>msg</c>, <c>@mt</c>, <c>MESSAGE</c> (the journal), <c>Message</c> (Windows events).</value>
    public IList<string> MessageFields { get; } = ["@m", "message", "msg", "@mt", "MESSAGE", "Message"];

    /// <summary>Properties holding the component (logger, category).</summary>
    /// <value>
    /// The default value is <c>logger</c>, <c>component</c>, <c>SourceContext</c>, <c>logger_name</c>, <c>category</c>,
    /// <c>SYSLOG_IDENTIFIER</c> (the journal), <c>ProviderName</c> (Windows events).
    /// </value>
    public IList<string> ComponentFields { get; } = ["logger", "component", "SourceContext", "logger_name", "category", "SYSLOG_IDENTIFIER", "ProviderName"];

    /// <summary>Properties holding the terminal id.</summary>
    /// <value>The default value is <c>terminal</c>, <c>term</c>, <c>_HOSTNAME</c> (the journal), <c>MachineName</c> (Windows events).</value>
    public IList<string> TerminalFields { get; } = ["terminal", "term", "_HOSTNAME", "MachineName"];

    /// <summary>Properties holding the organization.</summary>
    /// <value>The default value is <c>organization</c>, <c>org</c>.</value>
    public IList<string> OrganizationFields { get; } = ["organization", "org"];

    /// <summary>
    /// The level of a line that has none, when it is Serilog compact JSON (it has <c>@t</c>): Serilog omits
    /// <c>@l</c> for Information.
    /// </summary>
    /// <value>The default value is <c>Information</c>.</value>
    public string CompactDefaultLevel { get; set; } = "Information";
}

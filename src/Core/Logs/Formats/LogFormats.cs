namespace PosFleet.Logs.Formats;

/// <summary>The built-in catalog of line formats, in the order automatic detection tries them.</summary>
/// <remarks>
/// Detection reads a file's first lines with every format and keeps the one that reads the most timestamps and levels;
/// earlier formats win ties, so the specific ones come first and <see cref="Plain"/> last.
/// </remarks>
public static class LogFormats
{
    /// <summary><c>2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 printer: paper out</c>: the POS activity log.</summary>
    public static LogFormat Iso { get; } = new IsoBracketFormat();

    /// <summary>Serilog's text template: <c>2026-11-20 10:15:02.123 +01:00 [ERR] message</c>.</summary>
    public static LogFormat Serilog { get; } = new SerilogTextFormat();

    /// <summary>JSON lines with the common field names, Serilog compact JSON included (<c>@t</c>, <c>@l</c>, <c>@mt</c>).</summary>
    public static LogFormat JsonLines { get; } = new JsonLinesFormat(new JsonLogFormatOptions());

    /// <summary>NLog's pipe layout: <c>2026-11-20 10:15:02.1234|ERROR|Logger.Name|message</c>.</summary>
    public static LogFormat NLog { get; } = new NLogPipeFormat();

    /// <summary>log4j / log4net / NLog text layouts: <c>2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: message</c>.</summary>
    public static LogFormat Log4j { get; } = new Log4jFormat();

    /// <summary>Windows component servicing (CBS, DISM): <c>2016-09-28 04:30:30, Info   CBS   message</c>.</summary>
    public static LogFormat WindowsCbs { get; } = new WindowsCbsFormat();

    /// <summary>syslog RFC 5424: <c>&lt;165&gt;1 2003-10-11T22:14:15.003Z host app 123 ID47 - message</c>.</summary>
    public static LogFormat Syslog5424 { get; } = new Syslog5424Format();

    /// <summary>syslog RFC 3164, PRI optional: <c>&lt;34&gt;Oct 11 22:14:15 host su[123]: message</c>.</summary>
    public static LogFormat Syslog3164 { get; } = new Syslog3164Format();

    /// <summary>The Apache httpd error log: <c>[Sun Dec 04 04:47:44 2005] [error] message</c>.</summary>
    public static LogFormat ApacheError { get; } = new ApacheErrorFormat();

    /// <summary>Android logcat threadtime: <c>03-17 16:13:38.811  1702  2395 D WindowManager: message</c>.</summary>
    public static LogFormat Logcat { get; } = new LogcatFormat();

    /// <summary>
    /// Windows Event Viewer's exports as text, tab-separated or CSV: <c>Error,11/30/2026 10:15:30 AM,Application Error,1000,(100),message</c>
    /// (level, date and time, source, event id, task category, description); Critical and Error are errors, Warning a warning.
    /// </summary>
    public static LogFormat WindowsEvents { get; } = new WindowsEventFormat();

    /// <summary>
    /// <c>wevtutil qe LOG /f:text</c>: one event a block of lines, <c>Event[N]:</c> then indented <c>Source:</c>,
    /// <c>Date: 2026-11-30T10:15:30.123</c>, <c>Event ID:</c>, <c>Level: Error</c> … and <c>Description:</c> with the
    /// description on the lines below; the entry's time, level and component are its <c>Date</c>, <c>Level</c> and
    /// <c>Source</c>, its message the description.
    /// </summary>
    public static LogFormat WindowsEventsText { get; } = new WindowsEventTextFormat();

    /// <summary>
    /// Any layout: a timestamp in a common shape among the first words of a line (ISO-8601 and its kin, epoch seconds or
    /// milliseconds, <c>yyyy.MM.dd</c>, <c>yyMMdd HHmmss</c>, <c>dd/MMM/yyyy:HH:mm:ss zzz</c>, <c>MMM d HH:mm:ss</c>,
    /// <c>HH:mm:ss.fff</c> …) and a level word in the header. Detection learns per file which word holds them.
    /// </summary>
    public static LogFormat Generic { get; } = new GenericFormat();

    /// <summary>Any text; the fallback when no other format fits.</summary>
    public static LogFormat Plain { get; } = new PlainFormat();

    /// <summary>Every built-in format, in detection order (<see cref="Plain"/> last).</summary>
    public static IReadOnlyList<LogFormat> All { get; } =
        [Iso, Serilog, JsonLines, NLog, Log4j, WindowsCbs, Syslog5424, Syslog3164, ApacheError, Logcat, WindowsEvents, WindowsEventsText, Generic, Plain];

    /// <summary>Finds a built-in format by name (case-insensitive).</summary>
    /// <param name="name">The name, such as <c>iso</c>.</param>
    /// <param name="format">The format, when found.</param>
    /// <returns><see langword="true"/> when a format has that name.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LogFormat? format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }

    /// <summary>A JSON-lines format reading the fields from the property names in <paramref name="options"/>.</summary>
    /// <param name="options">The property names of each field.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">A property name is empty.</exception>
    public static LogFormat Json(JsonLogFormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, nameof(options));
        return new JsonLinesFormat(options);
    }

    /// <summary>
    /// A format declared by a pattern of named fields, such as
    /// <c>{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}</c>.
    /// </summary>
    /// <param name="name">The name the format is selected by.</param>
    /// <param name="pattern">
    /// Fields <c>{timestamp:FORMAT}</c> (tokens yyyy yy MM MMM dd d HH H mm m ss s f…fffffff zzz T; without a format, any ISO-8601 timestamp), <c>{level}</c>,
    /// <c>{component}</c>, <c>{terminal}</c>, <c>{organization}</c>, <c>{message}</c>; any other name is a field read
    /// and dropped. Text between fields must match; a run of blanks matches one or more blanks; <c>{{</c> and
    /// <c>}}</c> are literal braces.
    /// </param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The pattern is invalid; the message says where and why.</exception>
    public static LogFormat FromPattern(string name, string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new PatternFormat(name, pattern);
    }
}

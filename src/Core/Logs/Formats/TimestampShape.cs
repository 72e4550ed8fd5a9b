namespace PosFleet.Logs.Formats;

/// <summary>The shapes of timestamp the generic reader looks for at the start of a word near the start of a line.</summary>
/// <remarks>At one place, the first shape (in this order) that reads wins: the more specific ones come first.</remarks>
internal enum TimestampShape : byte
{
    /// <summary>No timestamp.</summary>
    None = 0,

    /// <summary><c>yyyy-MM-dd HH:mm:ss,fff</c> and its kin: separators <c>- / .</c>, <c>T _ -</c> or blanks between date and time, <c>: .</c> in the time, a fraction, a zone.</summary>
    DateTime,

    /// <summary><c>yyyyMMdd-HH:mm:ss:fff</c>, <c>yyMMdd HHmmss</c>: digits without separators in the date.</summary>
    CompactDateTime,

    /// <summary><c>dd/MMM/yyyy:HH:mm:ss zzz</c>, the common log format of web servers.</summary>
    WebServer,

    /// <summary><c>Www MMM d HH:mm:ss yyyy</c>, C's <c>ctime</c>.</summary>
    CTime,

    /// <summary>Unix time in seconds (10 digits) or milliseconds (13 digits), optionally with a fraction.</summary>
    Epoch,

    /// <summary><c>MMM d HH:mm:ss</c>, syslog's (RFC 3164): no year.</summary>
    MonthNameDay,

    /// <summary><c>MM-dd HH:mm:ss.fff</c> or <c>MM.dd HH:mm:ss</c> (logcat and kin): no year.</summary>
    MonthDay,

    /// <summary><c>yyyy-MM-dd</c> or <c>yyyy.MM.dd</c> alone: a date without its time.</summary>
    Date,

    /// <summary><c>HH:mm:ss.fff</c> alone: a time without its date.</summary>
    Time,

    /// <summary><c>30-Nov-2026 10:15:30.123</c> (Tomcat).</summary>
    DayMonthNameYear,

    /// <summary><c>Nov 30, 2026 10:15:30 AM</c> (java.util.logging's SimpleFormatter).</summary>
    MonthNameDayYear,

    /// <summary><c>11/30/2026 10:15:30 AM</c> (Windows' en-US exports).</summary>
    UsDateTime,
}

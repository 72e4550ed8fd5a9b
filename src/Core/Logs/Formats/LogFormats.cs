namespace PosFleet.Logs.Formats;

/// <summary>The built-in catalog of line formats, in the order automatic detection tries them.</summary>
public static class LogFormats
{
    /// <summary><c>2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 printer: paper out</c>.</summary>
    public static LogFormat Iso { get; } = new IsoBracketFormat();

    /// <summary>Any text; the fallback when no other format fits.</summary>
    public static LogFormat Plain { get; } = new PlainFormat();

    /// <summary>Every built-in format, in detection order (<see cref="Plain"/> last).</summary>
    public static IReadOnlyList<LogFormat> All { get; } = [Iso, Plain];

    /// <summary>Finds a built-in format by name (case-insensitive).</summary>
    /// <param name="name">The name, such as <c>iso</c>.</param>
    /// <param name="format">The format, when found.</param>
    /// <returns><see langword="true"/> when a format has that name.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LogFormat? format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }
}

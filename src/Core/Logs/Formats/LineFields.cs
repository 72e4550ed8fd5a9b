namespace PosFleet.Logs.Formats;

/// <summary>Whether a line's timestamp was found and read.</summary>
internal enum TimestampStatus : byte
{
    Missing = 0,
    Parsed = 1,
    Garbled = 2,
}

/// <summary>
/// The fields of one line as a format reads them: slices of the line (or of the scratch buffer, for formats such as
/// JSON that must unescape), never strings, so that reading a line allocates nothing.
/// </summary>
internal ref struct LineFields
{
    /// <summary>Input: the year to assume for formats whose timestamps carry none (syslog, logcat).</summary>
    public int DefaultYear;

    /// <summary>
    /// Input: the last time the file was written (UTC ticks), 0 when unknown. A year-less timestamp later than this (by
    /// more than a day) was written the year before: a file that crosses 31 December.
    /// </summary>
    public long LatestTicks;

    public TimestampStatus Timestamp;
    public long UtcTicks;
    public short OffsetMinutes;
    public ReadOnlySpan<byte> Level;
    public ReadOnlySpan<byte> Component;
    public ReadOnlySpan<byte> Terminal;
    public ReadOnlySpan<byte> Organization;
    public ReadOnlySpan<byte> Message;

    public void Reset()
    {
        Timestamp = TimestampStatus.Missing;
        UtcTicks = 0;
        OffsetMinutes = 0;
        Level = default;
        Component = default;
        Terminal = default;
        Organization = default;
        Message = default;
    }

    public readonly DateTimeOffset ToDateTimeOffset() =>
        new DateTimeOffset(UtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));
}

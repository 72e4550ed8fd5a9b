using System.Diagnostics.CodeAnalysis;

namespace PosFleet.Digests;

/// <summary>
/// When a subscription's digests are due, in its own time zone: the send instant of a local date (DST gaps move it
/// forward by the gap, DST overlaps take its first occurrence) and the window that instant closes.
/// </summary>
internal static class DigestSchedule
{
    public static bool TryFindTimeZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo TimeZoneOf(DigestSubscription subscription) =>
        TryFindTimeZone(subscription.TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"Subscription '{subscription.Id}': TimeZone '{subscription.TimeZone}' is not a known IANA time zone.");

    /// <summary>The UTC instant at which <paramref name="time"/> happens on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset InstantOf(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // In the spring-forward gap: the offset in force just before it places the instant right after the gap
            // (02:30 in Madrid on the last Sunday of March is sent at 03:30).
            offset = zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // In the autumn overlap: the first occurrence, which has the larger (summer) offset.
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The latest send instant at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset LatestSendAtOrBefore(DigestSubscription s, TimeZoneInfo zone, DateTimeOffset now)
    {
        var date = LocalDate(now, zone).AddDays(1);
        var instant = InstantOf(date, s.SendTime, zone);
        while (instant > now)
        {
            date = date.AddDays(-1);
            instant = InstantOf(date, s.SendTime, zone);
        }

        return instant;
    }

    /// <summary>The first send instant strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSendAfter(DigestSubscription s, TimeZoneInfo zone, DateTimeOffset now)
    {
        var date = LocalDate(now, zone).AddDays(-1);
        var instant = InstantOf(date, s.SendTime, zone);
        while (instant <= now)
        {
            date = date.AddDays(1);
            instant = InstantOf(date, s.SendTime, zone);
        }

        return instant;
    }

    /// <summary>The send instant of the day before the one of <paramref name="sendInstant"/>.</summary>
    public static DateTimeOffset PreviousSend(DigestSubscription s, TimeZoneInfo zone, DateTimeOffset sendInstant) =>
        LatestSendAtOrBefore(s, zone, sendInstant.AddTicks(-1));

    /// <summary>The window closed by a scheduled send at <paramref name="sendInstant"/>.</summary>
    public static DigestWindow WindowEndingAt(DigestSubscription s, TimeZoneInfo zone, DateTimeOffset sendInstant) =>
        s.Window == TimeSpan.FromDays(1)
            ? new DigestWindow(PreviousSend(s, zone, sendInstant), sendInstant)
            : new DigestWindow(sendInstant - s.Window, sendInstant);
}

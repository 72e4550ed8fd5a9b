namespace PosFleet.Notifications.Items;

/// <summary>
/// Hours of a day in a time zone when a person is not to be disturbed, such as 22:00 to 07:00 in Europe/Rome; a span
/// that ends before it starts runs over midnight. Notifications falling inside wait until <see cref="End"/>.
/// </summary>
/// <param name="Start">When the quiet hours begin, local time.</param>
/// <param name="End">When they end, local time.</param>
/// <param name="TimeZone">The person's time zone; <see langword="null"/> for UTC.</param>
public sealed record NotificationQuietHours(TimeOnly Start, TimeOnly End, TimeZoneInfo? TimeZone = null)
{
    /// <summary>When a notification due at <paramref name="due"/> may go out: <paramref name="due"/> itself, or the end of the quiet hours it falls in.</summary>
    /// <param name="due">When the notification would go out.</param>
    /// <returns>The instant it may go out.</returns>
    public DateTimeOffset Defer(DateTimeOffset due)
    {
        if (Start == End)
        {
            return due;
        }

        var zone = TimeZone ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = Start < End ? time >= Start && time < End : time >= Start || time < End;
        if (!inside)
        {
            return due;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (Start > End && time >= Start)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(End);
        // A wall-clock end skipped by a daylight-saving jump is taken an hour later.
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddHours(1);
        }

        var end = new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
        return end > due ? end.ToUniversalTime() : due;
    }
}

using PosFleet.Digests;

namespace PosFleet.Tests.Digests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Madrid = DigestFixture.Madrid;
    private static readonly DigestSubscription Daily = DigestFixture.Subscription();

    [Fact]
    public void WindowEndingAt_DayOfTheMarchChange_Is23HoursFromTheDayBefore()
    {
        var end = DigestSchedule.InstantOf(new DateOnly(2026, 3, 29), new TimeOnly(8, 0), Madrid);

        var window = DigestSchedule.WindowEndingAt(Daily, Madrid, end);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), end); // 08:00 CEST
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 7, 0, 0, TimeSpan.Zero), window.Start); // 08:00 CET
        Assert.Equal(TimeSpan.FromHours(23), window.Duration);
    }

    [Fact]
    public void WindowEndingAt_DayOfTheOctoberChange_Is25Hours()
    {
        var end = DigestSchedule.InstantOf(new DateOnly(2026, 10, 25), new TimeOnly(8, 0), Madrid);

        var window = DigestSchedule.WindowEndingAt(Daily, Madrid, end);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.FromHours(25), window.Duration);
    }

    [Fact]
    public void WindowEndingAt_WindowNotADay_IsThatLongBeforeTheSendTime()
    {
        var end = DigestSchedule.InstantOf(new DateOnly(2026, 3, 29), new TimeOnly(8, 0), Madrid);

        var window = DigestSchedule.WindowEndingAt(Daily with { Window = TimeSpan.FromHours(12) }, Madrid, end);

        Assert.Equal(end.AddHours(-12), window.Start);
    }

    [Fact]
    public void InstantOf_TimeInTheSpringGap_IsMovedForwardByTheGap()
    {
        var instant = DigestSchedule.InstantOf(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Madrid);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant); // 03:30 CEST
    }

    [Fact]
    public void InstantOf_TimeInTheAutumnOverlap_IsItsFirstOccurrence()
    {
        var instant = DigestSchedule.InstantOf(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Madrid);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant); // 02:30 CEST
    }

    [Fact]
    public void NextSendAfter_AcrossTheMarchChange_IsEight_InLocalTimeEachDay()
    {
        var now = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);
        var sends = new List<DateTimeOffset>();
        for (var i = 0; i < 4; i++)
        {
            now = DigestSchedule.NextSendAfter(Daily, Madrid, now);
            sends.Add(now);
        }

        Assert.Equal([7, 6, 6, 6], sends.Select(s => s.UtcDateTime.Hour));
        Assert.All(sends, s => Assert.Equal(8, TimeZoneInfo.ConvertTime(s, Madrid).Hour));
    }
}

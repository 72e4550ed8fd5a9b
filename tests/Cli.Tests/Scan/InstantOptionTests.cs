using System.CommandLine;
using System.Globalization;
using PosFleet.Cli.Commands;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// <c>--from</c> and <c>--to</c> read ISO-8601 by its formats, and everything else as the general parse of the invariant
/// culture reads it: the same instants either way.
/// </summary>
public sealed class InstantOptionTests
{
    [Theory]
    [InlineData("2026-11-20T08:00:00Z")]
    [InlineData("2026-11-20T08:00:00.123Z")]
    [InlineData("2026-11-20T08:00:00.1234567+02:00")]
    [InlineData("2026-11-20T08:00:00-05:30")]
    [InlineData("2026-11-20T08:00Z")]
    [InlineData("2026-11-20T08:00:00")]
    [InlineData("2026-11-20 08:00:00")]
    [InlineData("2026-11-20 08:00:00.5+01:00")]
    [InlineData("2026-11-20")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z")]
    [InlineData("20 Nov 2026 08:00")]
    [InlineData("Nov 20, 2026")]
    [InlineData("2026/11/20 8:00 PM")]
    [InlineData("2026-11-20T08:00:00+0100")]
    [InlineData("2026-11-20T08:00:00,25Z")]
    [InlineData("2024-02-29T23:59:59.9999999-14:00")]
    [InlineData("2026-11-20T08:00:00+14:00")]
    public void Instant_AnyShapeTheGeneralParseReads_TheSameInstant(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        var (value, errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Equal(expected, value);
        Assert.Equal(expected.Offset, value!.Value.Offset);
    }

    [Theory]
    [InlineData("2026-11-20T08:00:00Z")]
    [InlineData("2026-11-20T08:00:00.123Z")]
    [InlineData("2026-11-20T08:00:00.1234567+02:00")]
    [InlineData("2026-11-20T08:00:00,25-05:30")]
    [InlineData("2026-11-20T08:00:00+0100")]
    [InlineData("2026-11-20 08:00:00")]
    [InlineData("2024-02-29T23:59:59.9999999-14:00")]
    [InlineData("2026-11-20T08:00:00+14:00")]
    public void TryParseIso_IsoShapes_ReadsThemItself_AsTheGeneralParseDoes(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        Assert.True(CommonOptions.TryParseIso(text, out var instant));
        Assert.Equal((expected, TimeSpan.Zero), (instant, instant.Offset));
    }

    [Theory]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T08:60:00Z")]
    [InlineData("2026-11-20T08:00:00.Z")]
    [InlineData("2026-11-20T08:00:00+15:00")]
    [InlineData("2026-11-20T08:00:00+14:30")]
    [InlineData("2026-11-20X08:00:00")]
    [InlineData("2026-11-20T08:00:00Z and more")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-11-20T08:00Z")]
    [InlineData("2026-11-20")]
    [InlineData("20 Nov 2026")]
    [InlineData("２０２６-11-20T08:00:00Z")]
    public void TryParseIso_NotOneOfItsShapes_LeavesItToTheGeneralParse(string text)
    {
        Assert.False(CommonOptions.TryParseIso(text, out _));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-20T25:00:00Z")]
    [InlineData("2026-11-20T08:00:00+14:30")]
    public void Instant_NotADate_FailsNamingTheOptionAndTheShape(string text)
    {
        var (value, errors) = Parse(text);

        Assert.Null(value);
        Assert.Contains(errors, e => e.Contains($"--from '{text}' is not a date and time: use ISO-8601", StringComparison.Ordinal));
    }

    private static (DateTimeOffset? Value, List<string> Errors) Parse(string text)
    {
        var option = CommonOptions.Instant("--from", "Where the window starts.");
        var parse = new RootCommand { option }.Parse(["--from", text]);
        return (parse.Errors.Count == 0 ? parse.GetValue(option) : null, [.. parse.Errors.Select(e => e.Message)]);
    }
}

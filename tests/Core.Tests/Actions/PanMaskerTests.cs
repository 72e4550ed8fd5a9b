using PosFleet.Actions.BuiltIn;

namespace PosFleet.Tests.Actions;

/// <summary>Card numbers (Luhn-valid, real-looking, in the formats logs carry them) are masked; other numbers are left alone.</summary>
public sealed class PanMaskerTests
{
    public static TheoryData<string, string> Pans => new()
    {
        { "card 4111111111111111 approved", "card ************1111 approved" },
        { "pan=4111 1111 1111 1111;", "pan=**** **** **** 1111;" },
        { "PAN: 5555-5555-5555-4444", "PAN: ****-****-****-4444" },
        { "amex 3782 822463 10005 ok", "amex **** ****** *0005 ok" },
        { "{\"pan\":\"6011000990139424\"}", "{\"pan\":\"************9424\"}" },
        { "qty 2 4532015112830366 x", "qty 2 ************0366 x" },
        { "visa13 4222222222222 and mc 2223000048400011", "visa13 *********2222 and mc ************0011" },
    };

    [Theory]
    [MemberData(nameof(Pans))]
    public void Mask_LuhnValidPan_AllButLastFourMasked(string line, string expected)
    {
        var chars = line.ToCharArray();

        PanMasker.Mask(chars);

        Assert.Equal(expected, new string(chars));
    }

    [Theory]
    [InlineData("2026-11-30T09:15:02.123Z order 1234567890123 total 12.50")]
    [InlineData("ticket 4111111111111112 (not Luhn-valid)")]
    [InlineData("trace 123456789012345678901234567890")]
    [InlineData("phone +33 1 23 45 67 89")]
    public void Mask_NotAPan_LeftAsItIs(string line)
    {
        var chars = line.ToCharArray();

        var masked = PanMasker.Mask(chars);

        Assert.Equal(0, masked);
        Assert.Equal(line, new string(chars));
    }

    /// <summary>Random Luhn-valid numbers of every length, in every grouping, are all masked.</summary>
    [Fact]
    public void Mask_RandomPansInEveryFormat_NoneLeft()
    {
        var random = new Random(1042);
        for (var i = 0; i < 2000; i++)
        {
            var pan = LuhnPans.Next(random, 13 + (i % 7));
            var line = $"2026-11-30T09:15:02Z payment {LuhnPans.Format(pan, i % 4)} ref {random.Next(1000)}";
            var chars = line.ToCharArray();

            PanMasker.Mask(chars);

            Assert.Empty(LuhnPans.Find(new string(chars)));
            Assert.EndsWith(pan[^4..], new string(new string(chars).Split(" ref ")[0].Where(char.IsAsciiDigit).ToArray()), StringComparison.Ordinal);
        }
    }
}

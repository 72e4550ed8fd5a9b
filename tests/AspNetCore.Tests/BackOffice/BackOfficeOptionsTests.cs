using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.AspNetCore.BackOffice;

namespace PosFleet.Tests.BackOffice;

/// <summary>The back office's options as start-up checks them.</summary>
public sealed class BackOfficeOptionsTests
{
    [Fact]
    public void RecipientClaimType_Default_IsTheNameIdentifierClaim() =>
        Assert.Equal(ClaimTypes.NameIdentifier, Resolve(_ => { }).RecipientClaimType);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RecipientClaimType_Blank_FailsNamingTheOption(string claimType)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(o => o.RecipientClaimType = claimType));
        Assert.Contains("BackOfficeOptions.RecipientClaimType is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PageSize", "0", "BackOfficeOptions.PageSize is 0; use 1 to 500")]
    [InlineData("PageSize", "501", "BackOfficeOptions.PageSize is 501; use 1 to 500")]
    [InlineData("TimeZone", "Mars/Olympus_Mons", "BackOfficeOptions.TimeZone 'Mars/Olympus_Mons' is not a time zone of this machine")]
    [InlineData("SupportAddress", "support.example.com", "BackOfficeOptions.SupportAddress 'support.example.com' is not an e-mail address")]
    [InlineData("SupportAddress", "<@example.com>", "BackOfficeOptions.SupportAddress '<@example.com>' is not an e-mail address")]
    [InlineData("Title", "", "BackOfficeOptions.Title is empty")]
    [InlineData("Title", "   ", "BackOfficeOptions.Title is empty")]
    public void Validate_BadValue_FailsAtStartNamingTheOption(string option, string value, string expected)
    {
        Action<BackOfficeOptions> configure = option switch
        {
            "PageSize" => o => o.PageSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            "TimeZone" => o => o.TimeZone = value,
            "SupportAddress" => o => o.SupportAddress = value,
            "Title" => o => o.Title = value,
            _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
        };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(configure));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(error.Failures); // only the bad option is reported: the others are valid
    }

    private static BackOfficeOptions Resolve(Action<BackOfficeOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddBackOffice(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BackOfficeOptions>>().Value;
    }
}

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

    private static BackOfficeOptions Resolve(Action<BackOfficeOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddBackOffice(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BackOfficeOptions>>().Value;
    }
}

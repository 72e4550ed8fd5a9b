using PosFleet.Digests;

namespace PosFleet.Tests.Digests;

public sealed class DigestSubscriptionTests
{
    [Fact]
    public void ParseRecipients_CommaSeparatedList_ReturnsEachAddressOnce()
    {
        var recipients = DigestSubscription.ParseRecipients(" ana@example.es,ops@example.com ; Ana Ruiz <ana.ruiz@example.es>, OPS@example.com,");

        Assert.Equal(["ana@example.es", "ops@example.com", "Ana Ruiz <ana.ruiz@example.es>"], recipients);
    }

    [Fact]
    public void ParseRecipients_QuotedNamesWithSeparators_SplitOnlyBetweenAddresses()
    {
        var recipients = DigestSubscription.ParseRecipients("\"Ruiz, Ana\" <ana@example.es>; \"ops; night\"@example.com, Ops (desk; 2) <ops@example.com>");

        Assert.Equal(["\"Ruiz, Ana\" <ana@example.es>", "\"ops; night\"@example.com", "Ops (desk; 2) <ops@example.com>"], recipients);
    }

    [Theory]
    [InlineData("ana@example.es, ops.example.com", "ops.example.com")]
    [InlineData("ana@@example.es", "ana@@example.es")]
    [InlineData("ana..ruiz@example.es", "ana..ruiz@example.es")]
    [InlineData("ana.@example.es", "ana.@example.es")]
    [InlineData("ana ruiz@example.es", "ana ruiz@example.es")]
    [InlineData("Ana <ana@example.es", "Ana <ana@example.es")]
    [InlineData("ana@", "ana@")]
    [InlineData("Team: ana@example.es", "Team: ana@example.es")]
    public void ParseRecipients_BadAddress_ThrowsNamingIt(string list, string bad)
    {
        var error = Assert.Throws<FormatException>(() => DigestSubscription.ParseRecipients(list));

        Assert.Contains($"'{bad}'", error.Message);
    }

    [Theory]
    [InlineData("\"ana ruiz\"@example.es")]
    [InlineData("ana@bücher.example")]
    [InlineData("ana@example")]
    [InlineData("ana@example.es.")]
    [InlineData("ana@[192.0.2.1]")]
    public void ParseRecipients_AddressesMimeKitAccepts_AreAccepted(string address) =>
        Assert.Equal([address], DigestSubscription.ParseRecipients(address));

    [Fact]
    public void Validate_EveryFieldWrong_NamesEachField()
    {
        var s = DigestFixture.Subscription() with
        {
            Recipients = ["not-an-address"],
            MinimumThreshold = 0,
            Kinds = new HashSet<PosFleet.Logs.LogKind>(),
            TimeZone = "Europe/Atlantis",
            Culture = "xx-NOPE",
            Window = TimeSpan.Zero,
        };

        var errors = string.Join("\n", s.Validate());

        Assert.Contains("'not-an-address'", errors);
        Assert.Contains("MinimumThreshold", errors);
        Assert.Contains("Kinds", errors);
        Assert.Contains("TimeZone 'Europe/Atlantis'", errors);
        Assert.Contains("Culture 'xx-NOPE'", errors);
        Assert.Contains("Window", errors);
    }

    [Fact]
    public void Validate_TheSeedsDefaults_AreValid() =>
        Assert.Empty(DigestFixture.Subscription().Validate());

    [Theory]
    [InlineData("Shop 12\r\nBcc: evil@example.com")]
    [InlineData("Shop 12\u001b]0;pwned\u0007")]
    public void Validate_NameWithControlCharacters_RefusedShowingThemEscaped(string name)
    {
        var errors = string.Join("\n", (DigestFixture.Subscription() with { Name = name }).Validate());

        Assert.Contains("Name", errors, StringComparison.Ordinal);
        Assert.Contains("control character", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(name, errors, StringComparison.Ordinal);
        Assert.DoesNotContain(errors, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void Validate_IdWithALineBreak_Refused()
    {
        var errors = string.Join("\n", (DigestFixture.Subscription() with { Id = "shop-12\nx" }).Validate());

        Assert.Contains("DigestSubscription.Id 'shop-12\\u000ax' contains a control character", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameWithRightToLeftOverride_Refused()
    {
        var errors = string.Join("\n", (DigestFixture.Subscription() with { Name = "Shop \u202e21" }).Validate());

        Assert.Contains("Name 'Shop \\u202e21' contains a control character", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrganizationLongerThanAQueryFilter_Refused()
    {
        var errors = string.Join("\n", (DigestFixture.Subscription() with { Organization = new string('A', 300) }).Validate());

        Assert.Contains("Organization is 300 characters long; at most 256", errors, StringComparison.Ordinal);
    }
}

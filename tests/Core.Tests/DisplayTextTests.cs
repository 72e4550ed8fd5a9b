namespace PosFleet.Tests;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("term=POS-1\u001b]0;pwned\u0007", @"term=POS-1\u001b]0;pwned\u0007")]
    [InlineData("a\r\nBcc: x", @"a\u000d\u000aBcc: x")]
    [InlineData("\0\u007f", @"\u0000\u007f")]
    [InlineData("c1 \u009b31m \u0085", @"c1 \u009b31m \u0085")]
    [InlineData("\u202eexe.gnp \u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069", @"\u202eexe.gnp \u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069")]
    public void Escape_ControlAndBidirectionalCharacters_WrittenAsUEscapes(string text, string expected)
    {
        var escaped = DisplayText.Escape(text);

        Assert.Equal(expected, escaped);
        Assert.True(DisplayText.NeedsEscaping(text));
        Assert.False(DisplayText.NeedsEscaping(escaped));
    }

    [Theory]
    [InlineData("printer: paper out\ton tray 2")]
    [InlineData("café ¿qué? 日本 ✓ \\u001b as typed")]
    [InlineData("")]
    public void Escape_PrintableTextAndTab_ReturnsTheSameString(string text)
    {
        Assert.Same(text, DisplayText.Escape(text));
        Assert.False(DisplayText.NeedsEscaping(text));
    }

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal("", DisplayText.Escape(null));

    [Fact]
    public void IsUnsafe_EveryCharacter_ExactlyControlsButTabAndTheBidiFormats()
    {
        var bidi = new[] { '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069' };

        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            Assert.Equal((char.IsControl(c) && c != '\t') || bidi.Contains(c), DisplayText.IsUnsafe(c));
        }
    }

    [Theory]
    [InlineData("https://packages.example.com/pos/35.1.zip?X-Amz-Signature=abc123&X-Amz-Expires=600", "https://packages.example.com/pos/35.1.zip")]
    [InlineData("https://deploy:hunter2@packages.example.com:8443/pos/35.1.zip#part", "https://packages.example.com:8443/pos/35.1.zip")]
    [InlineData("https://packages.example.com/pos/35.1.zip", "https://packages.example.com/pos/35.1.zip")]
    [InlineData("file:///srv/share/pos/35.1.zip", "file:///srv/share/pos/35.1.zip")]
    public void Address_SignedOrPasswordUrl_KeepsSchemeHostPortAndPathOnly(string address, string expected)
    {
        Assert.Equal(expected, DisplayText.Address(new Uri(address)));
    }

    [Theory]
    [InlineData("https://packages.example.com/pos/35.1.zip?sig=abc", true)]
    [InlineData("https://deploy:hunter2@packages.example.com/pos/35.1.zip", true)]
    [InlineData("https://packages.example.com/pos/35.1.zip#part", false)]
    [InlineData("https://packages.example.com/pos/35.1.zip", false)]
    public void HasCredentials_QueryOrUserInformation_IsTrue(string address, bool expected)
    {
        Assert.Equal(expected, DisplayText.HasCredentials(new Uri(address)));
    }
}

using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Storage;

public sealed class LogQueryTests
{
    [Fact]
    public void Validate_TextOf100KB_RefusedNamingTheLimitWithoutQuotingIt()
    {
        var text = string.Join(' ', Enumerable.Repeat("printer", 12_800));

        var ex = Assert.Throws<ArgumentException>(() => new LogQuery { Text = text }.Validate());

        Assert.Equal(
            "The search text is 102,399 bytes long; at most 1,024 bytes (and 32 words) are searched: search for the few words that identify the entries.",
            ex.Message);
    }

    [Fact]
    public void Validate_ThirtyThreeWords_RefusedNamingTheLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LogQuery { Text = string.Join(' ', Enumerable.Range(0, 33).Select(i => $"w{i}")) }.Validate());

        Assert.StartsWith("The search text has 33 words; at most 32 are searched", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThirtyTwoWordsOf1024Bytes_Accepted()
    {
        var word = new string('a', 31);
        var text = string.Join(' ', Enumerable.Repeat(word, 32)) + "a";

        Assert.Equal(LogQuery.MaxTextBytes, System.Text.Encoding.UTF8.GetByteCount(text));
        new LogQuery { Text = text, Reference = new string('T', LogQuery.MaxFilterLength), Limit = LogQuery.MaxLimit }.Validate();
    }

    [Fact]
    public void Validate_MultiByteTextPastTheLimitInBytes_Refused()
    {
        // 400 characters, 1,200 bytes in UTF-8: the limit counts bytes, as a store's index does.
        var ex = Assert.Throws<ArgumentException>(() => new LogQuery { Text = new string('日', 400) }.Validate());

        Assert.Contains("1,200 bytes long", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    [InlineData(int.MaxValue)]
    public void Validate_LimitOutOfRange_Refused(int limit)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LogQuery { Limit = limit }.Validate());

        Assert.Contains("it must be from 1 to 100,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TerminalWithAnEscape_RefusedShowingItEscaped()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LogQuery { Terminal = "POS-1\u001b]0;x\u0007" }.Validate());

        Assert.Contains(@"'POS-1\u001b]0;x\u0007', contains a control character", ex.Message, StringComparison.Ordinal);
    }
}

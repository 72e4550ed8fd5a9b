using PosFleet.Digests.Rendering;
using PosFleet.Logs;

namespace PosFleet.Tests.Digests.Rendering;

/// <summary>What the digest says and how long it may grow: bounded lists, encoded log text, safe links, the test marker.</summary>
public sealed class DigestLayoutTests
{
    private static readonly DateTimeOffset At = DigestFleet.Window.Start.AddHours(1);

    [Fact]
    public async Task Render_MessageFrom384Terminals_NamesItsThreeBusiestAndCountsTheRest()
    {
        var digest = await new DigestFleet().Spread(LogKind.Offline, "card reader <*> disconnected", 384).RenderAsync(maxTerminals: 5);

        Assert.Contains("Terminals (384): POS-0384, POS-0383, POS-0382 and 381 more", digest.Text);
        Assert.Contains("384 terminals</strong> · POS-0384, POS-0383, POS-0382 and 381 more", digest.Html);
        Assert.DoesNotContain("POS-0381", digest.Text);
        Assert.DoesNotContain("POS-0381", digest.Html);
        Assert.Contains("… and 379 more terminals.", digest.Text);
    }

    [Fact]
    public async Task Render_FleetTenTimesLarger_MailIsNoLonger()
    {
        var small = await new DigestFleet().Spread(LogKind.Offline, "card reader <*> disconnected", 40).RenderAsync(maxTerminals: 5);
        var large = await new DigestFleet().Spread(LogKind.Offline, "card reader <*> disconnected", 4000).RenderAsync(maxTerminals: 5);

        // Only the counts grow (a few digits): no list follows the fleet's size.
        Assert.InRange(large.Html.Length - small.Html.Length, -50, 50);
        Assert.InRange(large.Text.Length - small.Text.Length, -50, 50);
    }

    [Fact]
    public async Task Render_OnlyTheKindsPresent_HaveATableEachInKindOrder()
    {
        var digest = await new DigestFleet()
            .Add(At, LogKind.Retry, "POS-0001", "retrying print job 12", "retrying print job <*>")
            .Add(At, LogKind.Error, "POS-0002", "database is locked")
            .RenderAsync(subscription: DigestFixture.Subscription(threshold: 1));

        Assert.True(digest.Html.IndexOf("class=\"kind\" data-kind=\"Error\"", StringComparison.Ordinal)
            < digest.Html.IndexOf("class=\"kind\" data-kind=\"Retry\"", StringComparison.Ordinal));
        Assert.DoesNotContain("data-kind=\"Fail\"", digest.Html);
        Assert.DoesNotContain("data-kind=\"Offline\"", digest.Html);
        Assert.Contains("ERRORS (1)", digest.Text);
        Assert.Contains("RETRIES (1)", digest.Text);
        Assert.DoesNotContain("OFFLINE", digest.Text);
    }

    [Fact]
    public async Task Render_ScriptInALogLineAndATerminalName_IsEncodedNeverMarkup()
    {
        var digest = await new DigestFleet()
            .Add(At, LogKind.Error, "<img src=x onerror=alert(1)>", "<script>alert('x')</script> & \"quoted\"", hint: "Restart <b>now</b>")
            .RenderAsync();

        Assert.DoesNotContain("<script>", digest.Html);
        Assert.DoesNotContain("<img", digest.Html);
        Assert.DoesNotContain("<b>now", digest.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", digest.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", digest.Html);
        Assert.Contains("Restart &lt;b&gt;now&lt;/b&gt;", digest.Html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,hi")]
    public async Task Render_KnowledgeBaseLinkNotHttpOrMailto_IsNotPrinted(string url)
    {
        var digest = await new DigestFleet().Add(At, LogKind.Error, "POS-0001", "boom", hint: "Call support.", kb: new Uri(url)).RenderAsync();

        Assert.DoesNotContain("href=\"" + url.Split(':')[0], digest.Html);
        Assert.DoesNotContain(url, digest.Text);
        Assert.Contains("Call support.", digest.Html);
    }

    [Theory]
    [InlineData("https://kb.example.com/a?b=1&c=2", "href=\"https://kb.example.com/a?b=1&amp;c=2\"")]
    [InlineData("mailto:support@example.com", "href=\"mailto:support@example.com\"")]
    public async Task Render_KnowledgeBaseLinkHttpsOrMailto_IsALink(string url, string href)
    {
        var digest = await new DigestFleet().Add(At, LogKind.Error, "POS-0001", "boom", kb: new Uri(url)).RenderAsync();

        Assert.Contains(href, digest.Html);
        Assert.Contains("Knowledge base: " + url, digest.Text);
    }

    [Fact]
    public async Task Render_LogLineLongerThanTheCap_IsClippedOnOneLine()
    {
        var digest = await new DigestFleet().Add(At, LogKind.Error, "POS-0001", "stack\r\ntrace " + new string('x', 5000)).RenderAsync();

        var example = digest.Text.ReplaceLineEndings("\n").Split('\n').Single(l => l.Contains("Example:", StringComparison.Ordinal));
        Assert.EndsWith("…", example);
        Assert.Contains(@"stack\u000d\u000atrace", example);
        Assert.True(example.Length < DigestView.MaxLogTextLength + 60, $"The example line is {example.Length} characters.");
        Assert.DoesNotContain(new string('x', DigestView.MaxLogTextLength), digest.Html);
    }

    [Theory]
    [InlineData("en", "[TEST] ", "TEST")]
    [InlineData("es", "[PRUEBA] ", "PRUEBA")]
    [InlineData("fr", "[TEST] ", "TEST")]
    [InlineData("it", "[PROVA] ", "PROVA")]
    public async Task Render_TestMode_MarksSubjectHeadlineAndText(string culture, string prefix, string badge)
    {
        var digest = await new DigestFleet().Add(At, LogKind.Error, "POS-0001", "boom")
            .RenderAsync(subscription: DigestFixture.Subscription(culture: culture), isTest: true);

        Assert.StartsWith(prefix, digest.Subject);
        Assert.Contains($"class=\"test-badge\"", digest.Html);
        Assert.Contains($">{badge}</span>", digest.Html);
        Assert.Contains("class=\"test-notice\"", digest.Html);
        Assert.StartsWith($"Shop 12 follow-up\n=================\n*** {badge} *** ", digest.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Render_NotTestMode_HasNoTestMarker()
    {
        var digest = await new DigestFleet().Add(At, LogKind.Error, "POS-0001", "boom").RenderAsync();

        Assert.DoesNotContain("test-badge", digest.Html);
        Assert.DoesNotContain("***", digest.Text);
    }

    [Theory]
    [InlineData("en", "Offline", "384 terminals", "POS-0384, POS-0383, POS-0382 and 381 more", "Busiest terminals", "Threshold: 5", "errors")]
    [InlineData("es", "Sin conexión", "384 terminales", "POS-0384, POS-0383, POS-0382 y 381 más", "Terminales con más errores", "Umbral: 5", "errores")]
    [InlineData("fr", "Hors ligne", "384 terminaux", "POS-0384, POS-0383, POS-0382 et 381 de plus", "Terminaux les plus touchés", "Seuil: 5", "erreurs")]
    [InlineData("it", "Offline", "384 terminali", "POS-0384, POS-0383, POS-0382 e altri 381", "Terminali con più errori", "Soglia: 5", "errori")]
    public async Task Render_EachCulture_SaysKindTerminalsAndMoreInItsWords(string culture, string kind, string terminals, string names, string busiest, string threshold, string unit)
    {
        var digest = await new DigestFleet().Spread(LogKind.Offline, "card reader <*> disconnected", 384)
            .RenderAsync(subscription: DigestFixture.Subscription(culture: culture), maxTerminals: 3);

        Assert.Contains($"{kind.ToUpperInvariant()} (", digest.Text);
        Assert.Contains($"{names}", digest.Text);
        Assert.Contains(busiest, digest.Text);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(kind) + "</td>", digest.Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(terminals), digest.Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(names), digest.Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(threshold), digest.Html);
        Assert.Contains($"<span style=\"font-size:18px;font-weight:400;color:#d1d5db\">{unit}</span>", digest.Html);
    }

    [Fact]
    public async Task Render_ItalianOneMoreTerminal_IsSingular()
    {
        var digest = await new DigestFleet().Spread(LogKind.Offline, "card reader <*> disconnected", 4)
            .RenderAsync(subscription: DigestFixture.Subscription(culture: "it"));

        Assert.Contains("POS-0004, POS-0003, POS-0002 e un altro", digest.Text);
    }

    [Fact]
    public async Task Render_NoEntriesInTestMode_SaysSoWithoutTables()
    {
        var digest = await new DigestFleet().RenderAsync(isTest: true);

        Assert.Contains("No errors in this window.", digest.Text);
        Assert.Contains("No errors in this window.", digest.Html);
        Assert.DoesNotContain("class=\"kind\"", digest.Html);
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Templates;

namespace PosFleet.Core.Tests.Notifications.Templates;

public sealed class NotificationTemplateTests
{
    private static readonly Uri Link = new("https://backoffice.example.com/interventions/4711");

    private static ItemEvent Event(ItemEventType type, string title = "Till 3 does not print", string state = "Closed", string? from = null, Uri? link = null) => new()
    {
        EventId = "evt-1",
        Type = type,
        Item = new NotificationItem
        {
            Id = "4711",
            Kind = "intervention",
            Title = title,
            State = state,
            OrganizationId = "shop-12",
            Link = link ?? Link,
        },
        PreviousState = from,
        AssignedTechnicianId = type == ItemEventType.Assigned ? "tech-1" : null,
        OccurredAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
    };

    private static NotificationRecipient Recipient(string? culture) => new()
    {
        Id = "u-1",
        DisplayName = "Ana",
        Email = "ana@example.com",
        Culture = culture is null ? null : CultureInfo.GetCultureInfo(culture),
        Audience = NotificationAudience.Technicians,
        HasLogin = true,
        HasProfile = true,
    };

    private static NotificationContent Render(ItemEvent e, string? culture, NotificationChannel? channel = null) =>
        new LocalizedNotificationTemplate().Render(e, Recipient(culture), channel ?? NotificationChannel.Email);

    [Theory]
    [InlineData("en", "Till 3 does not print: moved from “Open” to “Closed”")]
    [InlineData("es", "Till 3 does not print: ha pasado de «Open» a «Closed»")]
    [InlineData("fr", "Till 3 does not print : passage de « Open » à « Closed »")]
    [InlineData("it", "Till 3 does not print: passaggio da «Open» a «Closed»")]
    public void Render_StateChanged_SubjectSaysFromAndTo(string culture, string subject) =>
        Assert.Equal(subject, Render(Event(ItemEventType.StateChanged, from: "Open"), culture).Subject);

    [Theory]
    [InlineData("en", "Till 3 does not print: created in state “Open”")]
    [InlineData("es", "Till 3 does not print: se ha creado en el estado «Open»")]
    [InlineData("fr", "Till 3 does not print : création à l'état « Open »")]
    [InlineData("it", "Till 3 does not print: creazione nello stato «Open»")]
    public void Render_Created_SubjectSaysTheState(string culture, string subject) =>
        Assert.Equal(subject, Render(Event(ItemEventType.Created, state: "Open"), culture).Subject);

    [Theory]
    [InlineData("en", "Till 3 does not print: assigned to you")]
    [InlineData("es", "Till 3 does not print: se te ha asignado")]
    [InlineData("fr", "Till 3 does not print : nouvelle assignation pour vous")]
    [InlineData("it", "Till 3 does not print: nuova assegnazione per te")]
    public void Render_Assigned_SubjectSaysAssignedToYou(string culture, string subject) =>
        Assert.Equal(subject, Render(Event(ItemEventType.Assigned, state: "Open"), culture).Subject);

    [Theory]
    [InlineData("en", "Hello Ana,\n\nTill 3 does not print: moved from “Open” to “Closed”\n\nIntervention: Till 3 does not print\nPrevious state: Open\nState: Closed\n\nOpen: https://backoffice.example.com/interventions/4711\n\n-- \nSent by PosFleet notifications.\n")]
    [InlineData("es", "Hola, Ana:\n\nTill 3 does not print: ha pasado de «Open» a «Closed»\n\nIntervención: Till 3 does not print\nEstado anterior: Open\nEstado: Closed\n\nAbrir: https://backoffice.example.com/interventions/4711\n\n-- \nEnviado por las notificaciones de PosFleet.\n")]
    [InlineData("fr", "Bonjour Ana,\n\nTill 3 does not print : passage de « Open » à « Closed »\n\nIntervention: Till 3 does not print\nÉtat précédent: Open\nÉtat: Closed\n\nOuvrir: https://backoffice.example.com/interventions/4711\n\n-- \nEnvoyé par les notifications de PosFleet.\n")]
    [InlineData("it", "Ciao Ana,\n\nTill 3 does not print: passaggio da «Open» a «Closed»\n\nIntervento: Till 3 does not print\nStato precedente: Open\nStato: Closed\n\nApri: https://backoffice.example.com/interventions/4711\n\n-- \nInviato dalle notifiche di PosFleet.\n")]
    public void Render_EmailText_IsTheRecipientsLanguage(string culture, string text)
    {
        var content = Render(Event(ItemEventType.StateChanged, from: "Open"), culture);

        Assert.Equal(text, content.Text);
        Assert.Equal(Link, content.Link);
    }

    [Theory]
    [InlineData("en", "Intervention: Till 3 does not print\nState: Closed")]
    [InlineData("es", "Intervención: Till 3 does not print\nEstado: Closed")]
    [InlineData("fr", "Intervention: Till 3 does not print\nÉtat: Closed")]
    [InlineData("it", "Intervento: Till 3 does not print\nStato: Closed")]
    public void Render_Push_IsTwoLinesWithoutHtml(string culture, string text)
    {
        var content = Render(Event(ItemEventType.StateChanged, from: "Open"), culture, NotificationChannel.Push);

        Assert.Equal(text, content.Text);
        Assert.Null(content.Html);
        Assert.Equal(Link, content.Link);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ja")]
    [InlineData(null)]
    public void Render_CultureWithoutWords_FallsBackToEnglish(string? culture)
    {
        var content = Render(Event(ItemEventType.StateChanged, from: "Open"), culture);

        Assert.Equal("Till 3 does not print: moved from “Open” to “Closed”", content.Subject);
        Assert.StartsWith("Hello Ana,\n", content.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", content.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RegionalCulture_UsesItsLanguage() =>
        Assert.Equal("Till 3 does not print: se te ha asignado", Render(Event(ItemEventType.Assigned), "es-MX").Subject);

    [Fact]
    public void Render_TitleWithScript_ShowsItAsTextInTheHtml()
    {
        var content = Render(Event(ItemEventType.StateChanged, title: "<script>alert('x')</script> & \"co\"", state: "<b>Closed</b>", from: "Open"), "en");

        Assert.DoesNotContain("<script>", content.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", content.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;", content.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Closed&lt;/b&gt;", content.Html, StringComparison.Ordinal);
        // The plain text is not HTML: it says what the title says.
        Assert.Contains("Intervention: <script>alert('x')</script> & \"co\"\n", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Html_LinksToTheItem()
    {
        var html = Render(Event(ItemEventType.Created, state: "Open", link: new Uri("https://backoffice.example.com/i?id=1&tab=2")), "it").Html!;

        Assert.Contains("<a class=\"open\" href=\"https://backoffice.example.com/i?id=1&amp;tab=2\"", html, StringComparison.Ordinal);
        Assert.Contains(">Apri</a>", html, StringComparison.Ordinal);
        // WebUtility.HtmlEncode writes the Latin-1 guillemets as character references.
        Assert.Contains("<title>Till 3 does not print: creazione nello stato &#171;Open&#187;</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JavascriptLink_IsLeftOut()
    {
        var content = Render(Event(ItemEventType.Created, link: new Uri("javascript:alert(1)")), "en");

        Assert.Null(content.Link);
        Assert.DoesNotContain("javascript", content.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", content.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_TitleWithLineBreak_CannotForgeALine()
    {
        var content = Render(Event(ItemEventType.Assigned, title: "Till 3\nBcc: x@example.com"), "en");

        Assert.Equal("Till 3\\u000aBcc: x@example.com: assigned to you", content.Subject);
        Assert.DoesNotContain("\nBcc:", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNotificationTemplates_BeforeOrAfterTheEngine_ReplacesThePlainDefault()
    {
        foreach (var templatesFirst in new[] { true, false })
        {
            var services = new ServiceCollection();
            var fleet = services.AddPosFleet();
            if (templatesFirst)
            {
                fleet.AddNotificationTemplates().AddNotificationEngine();
            }
            else
            {
                fleet.AddNotificationEngine().AddNotificationTemplates();
            }

            using var provider = services.BuildServiceProvider();
            var subject = provider.GetRequiredService<INotificationTemplate>().Render(Event(ItemEventType.Assigned), Recipient("fr"), NotificationChannel.Email).Subject;
            Assert.Equal("Till 3 does not print : nouvelle assignation pour vous", subject);
        }
    }
}

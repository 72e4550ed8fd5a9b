using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet.Notifications;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Templates;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// A status-change notification rendered by the localized template for a recipient, sent through the MailKit
/// connector to the real SMTP server (aiosmtpd) and read back as a mail client would.
/// </summary>
public sealed class SmtpNotificationMailTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("en", "Till 3 <print>: moved from “Open” to “Closed”", "Hello Ana,", "Previous state: Open", "Open")]
    [InlineData("es", "Till 3 <print>: ha pasado de «Open» a «Closed»", "Hola, Ana:", "Estado anterior: Open", "Abrir")]
    [InlineData("fr", "Till 3 <print> : passage de « Open » à « Closed »", "Bonjour Ana,", "État précédent: Open", "Ouvrir")]
    [InlineData("it", "Till 3 <print>: passaggio da «Open» a «Closed»", "Ciao Ana,", "Stato precedente: Open", "Apri")]
    public async Task SendAsync_StateChangeInTheRecipientsLanguage_ArrivesWithSubjectTextHtmlAndLink(string culture, string subject, string greeting, string previous, string open)
    {
        await using var server = await SmtpTestServer.StartAsync(Path.Combine(_dir.Path, culture));
        var services = new ServiceCollection();
        services.AddLogging();
        var fleet = services.AddPosFleet().AddNotificationTemplates();
        SmtpDigestDeliveryTests.Smtp(server.Port)(fleet);
        await using var provider = services.BuildServiceProvider();
        var link = new Uri("https://backoffice.example.com/interventions/4711?tab=history");
        var itemEvent = new ItemEvent
        {
            EventId = "evt-7",
            Type = ItemEventType.StateChanged,
            Item = new NotificationItem { Id = "4711", Kind = "intervention", Title = "Till 3 <print>", State = "Closed", OrganizationId = "shop-12", Link = link },
            PreviousState = "Open",
            OccurredAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        };
        var recipient = new NotificationRecipient
        {
            Id = "c-1",
            DisplayName = "Ana",
            Email = "ana@example.es",
            Culture = CultureInfo.GetCultureInfo(culture),
            Audience = NotificationAudience.Customer,
        };

        var content = provider.GetRequiredService<INotificationTemplate>().Render(itemEvent, recipient, NotificationChannel.Email);
        var result = await provider.GetRequiredService<INotifier>().SendAsync(new NotificationMessage
        {
            Recipients = [recipient.Email],
            Subject = content.Subject,
            Text = content.Text,
            Html = content.Html,
            IdempotencyKey = $"evt-7/{recipient.Id}/email",
        }, default);

        Assert.True(result.AllSent);
        var received = Assert.Single(server.Messages());
        Assert.Equal(["ana@example.es"], received.Recipients);
        var mail = received.Message;
        Assert.Equal(subject, mail.Subject);
        var text = Assert.IsType<string>(mail.TextBody).ReplaceLineEndings("\n");
        Assert.StartsWith(greeting + "\n", text, StringComparison.Ordinal);
        Assert.Contains(previous + "\n", text, StringComparison.Ordinal);
        Assert.Contains($"{open}: {link.AbsoluteUri}\n", text, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"open\" href=\"https://backoffice.example.com/interventions/4711?tab=history\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($">{System.Net.WebUtility.HtmlEncode(open)}</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Till 3 &lt;print&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<print>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture}\">", mail.HtmlBody, StringComparison.Ordinal);
    }
}

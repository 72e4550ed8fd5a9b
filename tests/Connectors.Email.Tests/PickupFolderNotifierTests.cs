using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Digests;
using PosFleet.Notifications;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

public sealed class PickupFolderNotifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PickupFolderNotifier Notifier(string folder) =>
        new(Options.Create(new PickupFolderNotifierOptions { Directory = folder, From = "PosFleet <fleet@example.com>" }), new FakeTimeProvider(DigestMailHost.Window.End));

    private static NotificationMessage Message(string key, string subject = "Hello") => new()
    {
        Recipients = ["ana@example.es", "not an address"],
        Subject = subject,
        Text = "plain",
        Html = "<p>html</p>",
        IdempotencyKey = key,
    };

    [Fact]
    public async Task SendAsync_WritesOneEmlPerKey_AndAResendReplacesIt()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        var notifier = Notifier(folder);

        var result = await notifier.SendAsync(Message("k1"), CancellationToken.None);
        await notifier.SendAsync(Message("k1", "Hello again"), CancellationToken.None);
        await notifier.SendAsync(Message("k2"), CancellationToken.None);

        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.PermanentFailure], result.Deliveries.Select(d => d.Status));
        Assert.Contains("'not an address'", result.Deliveries[1].Reason);
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
        var resent = await MimeMessage.LoadAsync(Path.Combine(folder, MimeMessageFactory.FileNameFor("k1")));
        Assert.Equal("Hello again", resent.Subject);
        Assert.Equal(MimeMessageFactory.MessageIdFor("k1", "example.com"), resent.MessageId);
        Assert.Equal("plain", resent.TextBody!.TrimEnd());
        Assert.Equal("<p>html</p>", resent.HtmlBody!.TrimEnd());
    }

    [Fact]
    public async Task SendAsync_FolderCannotBeWritten_ReportsATransientFailureAndLeavesNoTemporaryFile()
    {
        var blocked = _dir.File("mail", "a file where the folder should be");

        var result = await Notifier(blocked).SendAsync(Message("k1"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.TransientFailure, result.Deliveries[0].Status);
        Assert.Contains("Could not write", result.Deliveries[0].Reason);
        Assert.Single(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task AddPickupFolderNotifier_DigestOfAWindow_IsOneParsableEmlFile()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        using var host = await DigestMailHost.StartAsync(b => b.AddPickupFolderNotifier(folder, o => o.From = "fleet@example.com"), ["ana@example.es"]);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);
        await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        var file = Assert.Single(Directory.GetFiles(folder));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(DigestMailHost.MessageIdOf(result.Key), message.MessageId);
        Assert.Contains("12 errors", message.Subject);
        Assert.Contains("9 times", message.TextBody);
    }

    [Fact]
    public async Task SendAsync_NonAsciiLocalPart_IsWrittenIntoTheMessage()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        var message = new NotificationMessage { Recipients = ["josé@example.com"], Subject = "s", Text = "t", IdempotencyKey = "k1" };

        var result = await Notifier(folder).SendAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(result.Deliveries).Status);
        var written = await MimeMessage.LoadAsync(Path.Combine(folder, MimeMessageFactory.FileNameFor("k1")));
        Assert.Equal("josé@example.com", Assert.Single(written.To.Mailboxes).Address);
    }
}

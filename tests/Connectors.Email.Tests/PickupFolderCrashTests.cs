using MimeKit;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Digests;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>The pickup folder under SIGKILL: a host killed at random points and started again, 20 times.</summary>
public sealed class PickupFolderCrashTests : IDisposable
{
    private const int Windows = 100;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static PosFleetProcess StartHost(string folder) => PosFleetProcess.Start(new PosFleetProcess.Options(
        [typeof(CrashHost).Assembly.Location, "crash-host", "pickup", folder, Windows.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { FileName = "dotnet" });

    /// <summary>How many digests the host has said it wrote.</summary>
    private static int Written(PosFleetProcess host) => host.Stdout.Split('\n').Count(l => l.Length > 0 && l != "DONE");

    [Fact]
    public async Task PickupFolder_HostKilledAtRandomPoints20Times_EveryWindowEndsAsOneCompleteEmlFile()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        var random = new Random(20261123);
        var killedWhileWriting = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            using var host = StartHost(folder);
            await host.WaitForStdoutLineAsync(_ => true, TimeSpan.FromSeconds(30)); // the host has started writing
            if (!await host.TryWaitForExitAsync(TimeSpan.FromMilliseconds(random.Next(0, 700))))
            {
                var written = Written(host);
                await host.SignalAsync(PosFleetProcess.Signal.Kill);
                killedWhileWriting += written < Windows ? 1 : 0;
            }

            await host.WaitForExitAsync();
            AssertEveryVisibleMessageIsComplete(folder);
        }

        using (var last = StartHost(folder))
        {
            var output = (await last.WaitForExitAsync()).Stdout;
            Assert.EndsWith("DONE", output.TrimEnd());
        }

        Assert.True(killedWhileWriting >= 10, $"only {killedWhileWriting} of 20 runs were killed while writing digests");
        var files = AssertEveryVisibleMessageIsComplete(folder);
        Assert.Equal(Windows, files.Count);
        var expected = Enumerable.Range(0, Windows)
            .Select(i => CrashHost.FirstWindowEnd.AddDays(i))
            .Select(end => MimeMessageFactory.MessageIdFor(new DigestRunKey("shop-12", end.AddDays(-1), end).IdempotencyKey, "localhost"));
        Assert.Equal(expected.Order(), files.Select(m => m.MessageId).Order());
    }

    /// <summary>Every <c>.eml</c> in the folder parses and ends with the digest's footer: no half-written message is ever visible.</summary>
    private static List<MimeMessage> AssertEveryVisibleMessageIsComplete(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            var message = MimeMessage.Load(file);
            Assert.EndsWith("Sent by PosFleet error follow-up.", message.TextBody?.TrimEnd());
            Assert.EndsWith("</html>", message.HtmlBody?.TrimEnd());
            messages.Add(message);
        }

        return messages;
    }
}

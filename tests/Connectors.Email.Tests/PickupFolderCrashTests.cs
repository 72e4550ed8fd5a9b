using System.Diagnostics;
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

    private Process StartHost(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(CrashHost).Assembly.Location, "crash-host", "pickup", folder, Windows.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task PickupFolder_HostKilledAtRandomPoints20Times_EveryWindowEndsAsOneCompleteEmlFile()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        var random = new Random(20261123);
        var killedWhileWriting = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            using var host = StartHost(folder);
            var written = 0;
            var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = Task.Run(async () =>
            {
                while (await host.StandardOutput.ReadLineAsync() is { } line && line != "DONE")
                {
                    Interlocked.Increment(ref written);
                    writing.TrySetResult();
                }

                writing.TrySetResult(); // the host ended before writing anything
            });
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the crash host started writing
            await Task.Delay(random.Next(0, 700));
            if (!host.HasExited)
            {
                host.Kill(); // SIGKILL
                killedWhileWriting += Volatile.Read(ref written) < Windows ? 1 : 0;
            }

            await host.WaitForExitAsync();
            await reading;
            AssertEveryVisibleMessageIsComplete(folder);
        }

        using (var last = StartHost(folder))
        {
            var output = await last.StandardOutput.ReadToEndAsync();
            await last.WaitForExitAsync();
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

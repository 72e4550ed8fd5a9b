using System.Globalization;
using System.Text;

using PosFleet.Tests;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>
/// The back-office sample, started as its own process from another working directory: it ingests a folder of logs
/// through AddLogIngest and its digest scheduler writes the due digest into the pickup folder.
/// </summary>
public sealed class BackOfficeSampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_FolderOfLogsAndDueSubscription_DigestOfTheIngestedErrorsLandsInPickupFolder()
    {
        var now = DateTimeOffset.UtcNow;
        var logs = Path.Combine(_dir.Path, "logs");
        var mail = Path.Combine(_dir.Path, "mail");
        Directory.CreateDirectory(logs);
        var lines = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var at = now.AddMinutes(-90 + i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            lines.Append(at).Append(" [ERROR] term=POS-00").Append(10 + i).Append(" org=shop-12 sale: could not save ticket: database is locked\n");
            lines.Append(at).Append(" [INFO] term=POS-0001 org=shop-12 sale: ticket closed\n");
        }

        await File.WriteAllTextAsync(Path.Combine(logs, "pos.log"), lines.ToString());

        // Due a little after the host has started and ingested the folder: the scheduler waits for it.
        var sendTime = now.AddSeconds(30).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_dir.Path, "elsewhere")).FullName;
        using var sample = PosFleetProcess.Start(new PosFleetProcess.Options([SamplePath])
        {
            FileName = "dotnet",
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(2),
            Environment = new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Storage__Path"] = Path.Combine(_dir.Path, "fleet.db"),
                ["PickupFolder"] = mail,
                ["Ingest__Paths__0"] = logs,
                ["Digests__Subscriptions__0__SendTime"] = sendTime,
                ["Digests__Subscriptions__0__TimeZone"] = "UTC",
                ["Digests__Subscriptions__0__Culture"] = "en",
            },
        });

        // The scheduler logs the digest it wrote; the pickup folder then holds it.
        await sample.WaitForStdoutLineAsync(l => l.Contains("Digest 'shop-12'", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var eml = Assert.Single(Directory.GetFiles(mail, "*.eml"));
        var message = await File.ReadAllTextAsync(eml);
        await sample.SignalAsync(PosFleetProcess.Signal.Terminate);
        var exitCode = (await sample.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode;

        Assert.Contains("ana@example.es", message, StringComparison.Ordinal);
        Assert.Contains("database is locked", message, StringComparison.Ordinal);
        Assert.Contains(": 12 errors from", message, StringComparison.Ordinal); // the subject: the 12 ingested errors, not the 12 successes
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "fleet.db")), sample.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(workingDirectory));
    }

    /// <summary>The sample's own build output for this configuration (tests/Samples.Tests/bin/Release/net10.0 → samples/BackOffice/bin/Release/net10.0).</summary>
    internal static string SamplePath => SampleBuild.PathOf("BackOffice", "posfleet-backoffice.dll");
}

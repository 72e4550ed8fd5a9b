using System.Net;
using System.Net.Sockets;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet digest run --smtp</c> against a real SMTP server (aiosmtpd) that requires a login.</summary>
public sealed class DigestRunSmtpTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_Smtp_LogsInWithThePasswordFromTheEnvironment_AndDeliversToEveryRecipient()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var mailbox = Path.Combine(_dir.Path, "mailbox");
        Directory.CreateDirectory(mailbox);
        Assert.Equal(0, (await PosFleetProcess.RunAsync("digest", "add", "--store", db, "--name", "ops", "--recipients", "ana@example.es,ops@example.com", "--threshold", "50")).ExitCode);
        var port = FreePort();
        using var server = PosFleetProcess.Start(new PosFleetProcess.Options([Path.Combine(AppContext.BaseDirectory, "smtp_server.py"), "--port", $"{port}", "--dir", mailbox, "--auth", "fleet:s3cret"])
        {
            FileName = "/usr/bin/python3",
            KeepInputOpen = true,
        });
        Assert.Equal($"READY {port}", await server.WaitForStdoutLineAsync(_ => true, TimeSpan.FromMinutes(1)));

        var run = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(["digest", "run", "--store", db, "--subscription", "ops",
            "--now", "--test", "--smtp", $"127.0.0.1:{port}", "--smtp-security", "none", "--smtp-user", "fleet", "--from", "fleet@example.com"])
        {
            Environment = new Dictionary<string, string?> { ["POSFLEET_SMTP_PASSWORD"] = "s3cret" },
            Timeout = TimeSpan.FromMinutes(1),
        });
        server.CloseInput();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var envelopes = Directory.GetFiles(mailbox, "*.json").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(envelopes);
        Assert.Contains(envelopes, e => e.Contains("ana@example.es", StringComparison.Ordinal));
        Assert.Contains(envelopes, e => e.Contains("ops@example.com", StringComparison.Ordinal));
        Assert.All(envelopes, e => Assert.Contains("\"auth\": true", e, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

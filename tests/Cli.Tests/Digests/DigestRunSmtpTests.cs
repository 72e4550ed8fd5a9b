using System.Diagnostics;
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
        using var server = Start("/usr/bin/python3", [], Path.Combine(AppContext.BaseDirectory, "smtp_server.py"), "--port", $"{port}", "--dir", mailbox, "--auth", "fleet:s3cret");
        Assert.Equal($"READY {port}", await server.StandardOutput.ReadLineAsync());

        using var run = Start("dotnet", [("POSFLEET_SMTP_PASSWORD", "s3cret")], PosFleetProcess.ToolPath, "digest", "run", "--store", db, "--subscription", "ops",
            "--now", "--test", "--smtp", $"127.0.0.1:{port}", "--smtp-security", "none", "--smtp-user", "fleet", "--from", "fleet@example.com");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        server.StandardInput.Close();

        Assert.True(run.ExitCode == 0, await stdout + await stderr);
        var envelopes = Directory.GetFiles(mailbox, "*.json").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(envelopes);
        Assert.Contains(envelopes, e => e.Contains("ana@example.es", StringComparison.Ordinal));
        Assert.Contains(envelopes, e => e.Contains("ops@example.com", StringComparison.Ordinal));
        Assert.All(envelopes, e => Assert.Contains("\"auth\": true", e, StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(string file, (string Name, string Value)[] environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}

using System.Net;
using System.Net.Sockets;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet digest run --smtp</c> against a real SMTP server (aiosmtpd), as a user would run it.</summary>
public sealed class DigestRunSmtpTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    private string Mailbox => Path.Combine(_dir.Path, "mailbox");

    /// <summary>The envelopes the server accepted (one JSON file per message).</summary>
    private string[] Envelopes() => [.. Directory.GetFiles(Mailbox, "*.json").Where(f => Path.GetFileName(f) != "faults.json").Select(File.ReadAllText)];

    /// <summary>The AUTH commands the server received (its authenticator writes one line each).</summary>
    private string[] Logins()
    {
        var events = Path.Combine(Mailbox, "events.log");
        return File.Exists(events) ? [.. File.ReadAllLines(events).Where(e => e.StartsWith("auth ", StringComparison.Ordinal))] : [];
    }

    private async Task AddAsync(string recipients)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", recipients, "--threshold", "50");
        Assert.True(code == 0, stderr);
    }

    /// <summary>smtp_server.py on 127.0.0.1 and a free port, with its extra options; it ends when the test disposes it.</summary>
    private async Task<(PosFleetProcess Server, int Port)> StartServerAsync(params string[] options)
    {
        Directory.CreateDirectory(Mailbox);
        var port = FreePort();
        var server = PosFleetProcess.Start(new PosFleetProcess.Options([Path.Combine(AppContext.BaseDirectory, "smtp_server.py"), "--port", $"{port}", "--dir", Mailbox, .. options])
        {
            FileName = "/usr/bin/python3",
            KeepInputOpen = true,
        });
        Assert.Equal($"READY {port}", await server.WaitForStdoutLineAsync(_ => true, TimeSpan.FromMinutes(1)));
        return (server, port);
    }

    private async Task<PosFleetProcess.Result> RunAsync(int port, string? password, params string[] extra)
    {
        var run = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(["digest", "run", "--store", Db, "--subscription", "ops",
            "--now", "--test", "--smtp", $"127.0.0.1:{port}", "--from", "fleet@example.com", .. extra])
        {
            Environment = new Dictionary<string, string?> { ["POSFLEET_SMTP_PASSWORD"] = password },
            Timeout = TimeSpan.FromMinutes(1),
        });
        Assert.DoesNotContain("Unhandled", run.Stderr, StringComparison.Ordinal);
        return run;
    }

    [Fact]
    public async Task Run_Smtp_LogsInWithThePasswordFromTheEnvironment_AndDeliversToEveryRecipient()
    {
        await AddAsync("ana@example.es,ops@example.com");
        var (server, port) = await StartServerAsync("--auth", "fleet:s3cret");
        using var _ = server;

        var run = await RunAsync(port, "s3cret", "--smtp-security", "none", "--smtp-user", "fleet");
        server.CloseInput();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var envelopes = Envelopes();
        Assert.NotEmpty(envelopes);
        Assert.Contains(envelopes, e => e.Contains("ana@example.es", StringComparison.Ordinal));
        Assert.Contains(envelopes, e => e.Contains("ops@example.com", StringComparison.Ordinal));
        Assert.All(envelopes, e => Assert.Contains("\"auth\": true", e, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Smtp_DefaultAutoSecurityAndNoStartTls_NeverSendsThePassword_ReportsWhyAndExits11()
    {
        await AddAsync("ana@example.es,ops@example.com");
        var (server, port) = await StartServerAsync("--auth", "fleet:s3cret");
        using var _ = server;

        var run = await RunAsync(port, "s3cret", "--smtp-user", "fleet"); // --smtp-security left at auto
        server.CloseInput();

        Assert.True(run.ExitCode == 11, run.Stdout + run.Stderr);
        Assert.Empty(Logins()); // no AUTH reached the server
        Assert.Empty(Envelopes());
        Assert.Contains($"ana@example.es: failed — The SMTP server 127.0.0.1:{port} offers no STARTTLS, so the password of user 'fleet' was not sent in clear text", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--smtp-security none", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Smtp_WrongPassword_ReportsAnAuthenticationFailureNotAPendingRetry_AndExits11()
    {
        await AddAsync("ana@example.es,ops@example.com");
        var (server, port) = await StartServerAsync("--auth", "fleet:s3cret");
        using var _ = server;

        var run = await RunAsync(port, "not-the-Pa55word", "--smtp-security", "none", "--smtp-user", "fleet");
        var history = await PosFleetProcess.RunAsync("digest", "history", "--store", Db);
        server.CloseInput();

        Assert.True(run.ExitCode == 11, run.Stdout + run.Stderr);
        var failure = $"ops@example.com: failed — SMTP authentication failed for user 'fleet' at 127.0.0.1:{port} (535";
        Assert.Contains(failure, run.Stdout, StringComparison.Ordinal);
        Assert.Contains(failure, history.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", history.Stdout, StringComparison.Ordinal);
        Assert.Equal(Logins().Length, Logins().Distinct().Count()); // each mechanism tried once: no retry
        Assert.Empty(Envelopes());
        Assert.DoesNotContain("not-the-Pa55word", run.Stdout + run.Stderr + history.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Smtp_NonAsciiLocalPartAcceptedByAdd_ServerWithoutSmtpUtf8_TheOtherRecipientReceivesIt_AndExits11()
    {
        await AddAsync("josé@example.com, ops@example.com"); // valid per RFC 6531: accepted
        var (server, port) = await StartServerAsync(); // no --smtputf8
        using var _ = server;

        var run = await RunAsync(port, null, "--smtp-security", "none");
        server.CloseInput();

        Assert.True(run.ExitCode == 11, run.Stdout + run.Stderr);
        Assert.Contains($"josé@example.com: failed — 'josé@example.com' has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the SMTP server 127.0.0.1:{port} does not offer it", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ops@example.com: sent", run.Stdout, StringComparison.Ordinal);
        var envelope = Assert.Single(Envelopes());
        Assert.Contains("\"rcpt_tos\": [\"ops@example.com\"]", envelope, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

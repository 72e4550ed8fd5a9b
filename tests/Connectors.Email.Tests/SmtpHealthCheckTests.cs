using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary><c>AddHealthChecks().AddPosFleetSmtp()</c> against the real SMTP server (aiosmtpd) on 127.0.0.1.</summary>
public sealed class SmtpHealthCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<HealthReportEntry> CheckAsync(int port, string? password = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPosFleet().AddSmtpNotifier(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.From = "fleet@example.com";
            o.ConnectTimeout = TimeSpan.FromSeconds(10);
            if (password is not null)
            {
                o.Security = SmtpSecurity.StartTls;
                o.UserName = "fleet";
                o.Password = password;
                o.CheckCertificateRevocation = false;
                o.ServerCertificateValidation = (_, certificate, _, _) => certificate?.Subject == "CN=localhost";
            }
        });
        services.AddHealthChecks().AddPosFleetSmtp();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["posfleet-smtp"];
    }

    [Fact]
    public async Task CheckHealthAsync_ServerUp_IsHealthyAndSendsNothing()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path);

        var entry = await CheckAsync(server.Port);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal($"127.0.0.1:{server.Port}", entry.Data["server"]);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.eml", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CheckHealthAsync_LoginAccepted_IsHealthyOverAnEncryptedConnection()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, tls: true, auth: "fleet:s3cret");

        var entry = await CheckAsync(server.Port, "s3cret");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(true, entry.Data["encrypted"]);
    }

    [Fact]
    public async Task CheckHealthAsync_WrongPassword_IsUnhealthyWithoutThePassword()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, tls: true, auth: "fleet:s3cret");

        var entry = await CheckAsync(server.Port, "wrong-Pa55");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("authentication failed", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Pa55", entry.Description + entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_NothingListening_IsUnhealthyNamingTheServer()
    {
        var port = SmtpTestServer.FreePort();

        var entry = await CheckAsync(port);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"127.0.0.1:{port}", entry.Description, StringComparison.Ordinal);
    }
}

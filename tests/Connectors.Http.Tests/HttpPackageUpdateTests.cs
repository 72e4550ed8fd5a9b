using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Tests;
using PosFleet.Updates;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>
/// A package update end to end over HTTP on loopback: the back office's MapPosFleetSync on Kestrel offers the
/// organization's target, the terminal downloads it from a package server with the HTTP fetcher, checks its SHA-256
/// and installs it, and the back office shows the version it runs.
/// </summary>
public sealed class HttpPackageUpdateTests : IAsyncLifetime
{
    private readonly byte[] _package = RandomNumberGenerator.GetBytes(300_000);
    private SyncBackOfficeServer _backOffice = null!;
    private WebApplication _packages = null!;
    private Uri _packagesUri = null!;

    public async Task InitializeAsync()
    {
        _backOffice = await SyncBackOfficeServer.StartAsync(storage: b => b.AddPackageBackOffice());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _packages = builder.Build();
        _packages.MapGet("/pos/35.0.zip", () => Results.Bytes(_package, "application/zip"));
        _packages.MapGet("/pos/36.0.zip", () =>
        {
            var tampered = (byte[])_package.Clone();
            tampered[^1] ^= 1;
            return Results.Bytes(tampered, "application/zip");
        });
        // A signed URL: the bytes for the right signature, 403 for any other (the signature is in the query).
        _packages.MapGet("/pos/37.0.zip", (HttpRequest request) =>
            request.Query["sig"] == "s3cr3t-signature" ? Results.Bytes(_package, "application/zip") : Results.StatusCode(403));
        await _packages.StartAsync();
        _packagesUri = new Uri(_packages.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _packages.DisposeAsync();
        await _backOffice.DisposeAsync();
    }

    private async Task<(TestTerminal Terminal, List<string> Installed)> TerminalAsync()
    {
        var enrolment = await _backOffice.Services.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-01", "ACME");
        var installed = new List<string>();
        var terminal = TestTerminal.Create(_backOffice.SyncUri, "till-01", enrolment.Credential, applicationVersion: "34.1", storage: b => b
            .AddPackageUpdates(o =>
            {
                o.PackageId = "pos";
                o.ConfirmationPolicy = PackageConfirmationPolicy.Never;
                o.DownloadDirectory = Path.Combine(Path.GetTempPath(), "posfleet-tests", Guid.NewGuid().ToString("n"));
            })
            .AddPackageInstaller(new Installer(installed))
            .UseHttpPackageFetcher());
        return (terminal, installed);
    }

    private async Task TargetAsync(string version, string query = "")
    {
        var catalog = _backOffice.Services.GetRequiredService<IPackageCatalog>();
        await catalog.PublishAsync(new PackageRelease
        {
            PackageId = "pos",
            Version = version,
            Size = _package.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(_package)),
            Location = new Uri(_packagesUri, $"/pos/{version}.zip{query}"),
        });
        await catalog.SetTargetAsync("ACME", "pos", version, new PackageRollout { Stages = [100] });
    }

    [Fact]
    public async Task SyncNowAsync_TargetOverHttp_DownloadedVerifiedInstalledAndShownOnTheBackOffice()
    {
        var (terminal, installed) = await TerminalAsync();
        await using var _ = terminal;
        await TargetAsync("35.0");
        var query = _backOffice.Services.GetRequiredService<IPackageTargetQuery>();

        var first = await terminal.Agent.SyncNowAsync();
        var second = await terminal.Agent.SyncNowAsync();

        Assert.Equal((SyncOutcomeStatus.Succeeded, SyncOutcomeStatus.Succeeded), (first.Status, second.Status));
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(_package))], installed);
        Assert.Equal("35.0", await query.GetInstalledVersionAsync("ACME", "till-01"));
        Assert.False(await query.IsBehindTargetAsync("ACME", "35.0"));
    }

    [Fact]
    public async Task SyncNowAsync_TamperedDownloadOverHttp_RefusedAndReportedNotInstalled()
    {
        var (terminal, installed) = await TerminalAsync();
        await using var _ = terminal;
        await TargetAsync("36.0");                                    // the server sends other bytes than those published

        await terminal.Agent.SyncNowAsync();
        await terminal.Agent.SyncNowAsync();

        Assert.Empty(installed);
        var status = await _backOffice.Services.GetRequiredService<IPackageStore>().GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(PackageOutcome.Rejected, status!.LastResult!.Outcome);
        Assert.Contains("tampered package, not installed", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.Equal("34.1", status.InstalledVersion);
    }

    [Fact]
    public async Task SyncNowAsync_SignedLocation_FetchedWithItsSignature()
    {
        var (terminal, installed) = await TerminalAsync();
        await using var _ = terminal;
        await TargetAsync("37.0", "?sig=s3cr3t-signature");

        await terminal.Agent.SyncNowAsync();
        await terminal.Agent.SyncNowAsync();

        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(_package))], installed);
        AssertNoLogRecordCarries(terminal, "s3cr3t-signature");
    }

    [Fact]
    public async Task SyncNowAsync_SignedLocationRefused_ReportNamesHostAndPathButNotTheSignature()
    {
        var (terminal, installed) = await TerminalAsync();
        await using var _ = terminal;
        await TargetAsync("37.0", "?sig=expired-signature");

        await terminal.Agent.SyncNowAsync();
        await terminal.Agent.SyncNowAsync();

        Assert.Empty(installed);
        var status = await _backOffice.Services.GetRequiredService<IPackageStore>().GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(PackageOutcome.DownloadFailed, status!.LastResult!.Outcome);
        Assert.Contains($"{_packagesUri.GetLeftPart(UriPartial.Authority)}/pos/37.0.zip answered 403", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-signature", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", status.LastResult.Detail, StringComparison.Ordinal);
        AssertNoLogRecordCarries(terminal, "expired-signature");
    }

    /// <summary>The terminal's log, HttpClient's own records included (so the fetch was logged), never holds the signature.</summary>
    private static void AssertNoLogRecordCarries(TestTerminal terminal, string signature)
    {
        var records = terminal.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Category?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(records, r => r.Message.Contains(signature, StringComparison.Ordinal)
            || r.StructuredState?.Any(p => p.Value?.Contains(signature, StringComparison.Ordinal) == true) == true
            || r.Exception?.ToString().Contains(signature, StringComparison.Ordinal) == true);
    }

    private sealed class Installer(List<string> installed) : IPackageInstaller
    {
        public ValueTask InstallAsync(PackageInstallRequest request, CancellationToken cancellationToken)
        {
            installed.Add(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(request.FilePath))));
            return ValueTask.CompletedTask;
        }
    }
}

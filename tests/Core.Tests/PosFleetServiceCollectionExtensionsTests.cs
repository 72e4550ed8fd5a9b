using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Retention;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests;

public sealed class PosFleetServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddLogs_ScannerFromTheContainer_ClassifiesWithTheConfiguredRules()
    {
        var log = _dir.File("a.log", "2026-11-20T10:00:00Z [INFO] term=POS-1 scale needs calibration\n");
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-07")
            .AddLogs(o => o.Classification.Rules.Add(new() { Name = "mine", Keywords = ["needs calibration"], Kind = LogKind.Fail }));
        using var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();

        var scanner = provider.GetRequiredService<ILogScanner>();
        var summary = await scanner.ScanAsync(new LogScanRequest { Inputs = [log] });

        Assert.Equal("mine", scanner.Rules[0].Name);
        Assert.Equal("mine", Assert.Single(summary.Templates).Rule);
        Assert.Equal(1, summary.Kinds[LogKind.Fail]);
        Assert.Same(scanner, provider.GetRequiredService<ILogScanner>());
        Assert.Equal("till-07", provider.GetRequiredService<IOptions<PosFleetOptions>>().Value.TerminalId);
    }

    [Fact]
    public void ValidatePosFleetOptions_InvalidScanOptions_ThrowsNamingEachOptionAndFix()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs(o => (o.MaxLineLength, o.DirectoryGlob) = (10, " "));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidatePosFleetOptions);

        Assert.Contains("LogScanOptions.DirectoryGlob is empty: use a file-name pattern", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LogScanOptions.MaxLineLength is 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("between 256 bytes and 64 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatePosFleetOptions_InvalidRuleInCode_ThrowsNamingTheRule()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs(o => o.Classification.Rules.Add(new() { Name = "empty", Keywords = [""], Kind = LogKind.Fail }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidatePosFleetOptions);

        Assert.Contains("LogClassificationOptions.Rules[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("remove it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registrations_CalledTwice_RegisterEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs().AddLogDashboard().AddLogRetention().AddLogIngest(o => o.Paths.Add("a"));
        services.AddPosFleet().AddLogs().AddLogDashboard().AddLogRetention().AddLogIngest(o => o.Paths.Add("b"));

        foreach (var type in new[] { typeof(ILogScanner), typeof(ILogIngester), typeof(ILogDashboard), typeof(ILogStore), typeof(TimeProvider) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }

        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LogScanOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LogDashboardOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["a", "b"], provider.GetRequiredService<IOptionsMonitor<LogIngestOptions>>().Get("PosFleet.LogIngestService").Paths);
    }

    [Fact]
    public void AddLogIngest_ServiceFollows_TheRegisteredIngesterKeepsItsOwnOptions()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogIngest(o => o.Paths.Add("/var/log/pos"));
        using var provider = services.BuildServiceProvider();

        provider.ValidatePosFleetOptions();
        var service = provider.GetRequiredService<IOptionsMonitor<LogIngestOptions>>().Get("PosFleet.LogIngestService");
        var shared = provider.GetRequiredService<IOptions<LogIngestOptions>>().Value;

        Assert.True(service.Follow);
        Assert.Equal(["/var/log/pos"], service.Paths);
        Assert.False(shared.Follow); // a direct IngestAsync reads once, as it did before the service was added
        Assert.Empty(shared.Paths);
    }
}

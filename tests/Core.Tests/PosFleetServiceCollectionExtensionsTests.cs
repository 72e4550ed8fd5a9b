using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests;

public sealed class PosFleetServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPosFleet_ResolvesScannerWithConfiguredRules()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-07")
            .Services.AddLogs(o => o.Classification.Rules.Add(new() { Name = "mine", Keywords = ["x"], Kind = LogKind.Fail }));
        using var provider = services.BuildServiceProvider();

        var scanner = provider.GetRequiredService<LogScanner>();

        Assert.Equal("mine", scanner.Rules[0].Name);
        Assert.Equal("till-07", provider.GetRequiredService<IOptions<PosFleetOptions>>().Value.TerminalId);
    }

    [Fact]
    public void AddPosFleet_InvalidOptions_FailValidationNamingOptionAndFix()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till 07").Services.AddLogs(o => o.MaxLineLength = 10);
        using var provider = services.BuildServiceProvider();

        var terminal = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PosFleetOptions>>().Value);
        var scan = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LogScanOptions>>().Value);

        Assert.Contains("TerminalId", terminal.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLineLength", scan.Message, StringComparison.Ordinal);
        Assert.Contains("256", scan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPosFleet_TwiceRegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddPosFleet();
        services.AddPosFleet();

        Assert.Single(services, d => d.ServiceType == typeof(LogScanner));
    }
}

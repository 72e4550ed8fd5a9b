using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

public sealed class LogIngestOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new LogIngestOptionsValidator().Validate(null, new LogIngestOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("ChannelCapacity")]
    [InlineData("PollInterval")]
    [InlineData("Organization")]
    [InlineData("Terminal")]
    public void Validate_BadValue_FailsNamingTheOptionAndTheFix(string option)
    {
        var options = new LogIngestOptions();
        switch (option)
        {
            case "BatchSize": options.BatchSize = 0; break;
            case "ChannelCapacity": options.ChannelCapacity = -1; break;
            case "PollInterval": options.PollInterval = TimeSpan.Zero; break;
            case "Organization": options.Organization = " "; break;
            default: options.Terminal = ""; break;
        }

        var result = new LogIngestOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"LogIngestOptions.{option} is ", failure, StringComparison.Ordinal);
        Assert.Matches("must be|leave it", failure);
    }

    [Fact]
    public async Task AddPosFleet_BadIngestOptions_HostFailsToStartNamingTheOption()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPosFleet();
        builder.Services.Configure<LogIngestOptions>(o => o.BatchSize = 0);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LogIngestOptions.BatchSize is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPosFleet_ConfiguredIngestOptions_AreTheIngesterDefaults()
    {
        using var dir = new TempDirectory();
        var log = dir.File("till.log", "2026-11-20T10:00:00.000Z [INFO] tickets: ticket closed\n");
        var services = new ServiceCollection();
        services.AddPosFleet();
        services.Configure<LogIngestOptions>(o => o.Terminal = "POS-0042");
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ILogIngester>().IngestAsync([log]);

        var page = await provider.GetRequiredService<ILogStore>().QueryAsync(new LogQuery(), CancellationToken.None);
        Assert.Equal("POS-0042", Assert.Single(page.Entries).Terminal);
    }

    [Fact]
    public async Task IngestAsync_BadOptions_ThrowsBeforeReadingAnything()
    {
        using var dir = new TempDirectory();
        var log = dir.File("till.log", "2026-11-20T10:00:00.000Z [INFO] tickets: ticket closed\n");
        var store = new InMemoryLogStore();
        var ingester = TestLogs.Ingester(store);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ingester.IngestAsync([log], new LogIngestOptions { ChannelCapacity = 0 }));

        Assert.Contains("LogIngestOptions.ChannelCapacity", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetCheckpointAsync(log, CancellationToken.None));
    }
}

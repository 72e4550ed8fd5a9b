using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosFleet.Digests;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;

namespace PosFleet.Tests.Digests;

public sealed class DigestRegistrationTests
{
    private static ServiceProvider Build(Action<DigestOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ILogStore>(new InMemoryLogStore());
        services.AddSingleton<INotifier>(new RecordingNotifier());
        services.AddPosFleet().AddDigests(configure).AddDigests();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddDigests_InvalidOptions_FailNamingTheOption()
    {
        using var provider = Build(o =>
        {
            o.RetryDelay = TimeSpan.Zero;
            o.Subscriptions.Add(DigestFixture.Subscription() with { TimeZone = "Mars/Olympus" });
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DigestOptions>>().Value);

        Assert.Contains("DigestOptions.RetryDelay", error.Message);
        Assert.Contains("TimeZone 'Mars/Olympus'", error.Message);
    }

    [Fact]
    public void AddDigests_RetryDelayLongerThanADay_FailsNamingTheOptionAndTheLimit()
    {
        using var provider = Build(o =>
        {
            o.RetryDelay = TimeSpan.FromDays(2);
            o.MaxRetryDelay = TimeSpan.FromDays(3);
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DigestOptions>>().Value);

        Assert.Contains("DigestOptions.RetryDelay (2.00:00:00) and DigestOptions.MaxRetryDelay (3.00:00:00) must be at most 1 day.", error.Message);
    }

    [Fact]
    public void AddDigests_ThroughAddPosFleet_RegistersTheRuleCatalogBesideTheRunner()
    {
        using var provider = Build(_ => { });

        Assert.NotNull(provider.GetRequiredService<IDigestRunner>());
        Assert.IsType<PosFleet.Logs.Classification.ClassificationRuleCatalog>(provider.GetRequiredService<PosFleet.Logs.Classification.IClassificationRuleCatalog>());
    }

    [Fact]
    public async Task AddDigests_RegisteredTwice_RegistersOneRunnerOneStoreAndSeedsSubscriptions()
    {
        using var provider = Build(o => o.Subscriptions.Add(DigestFixture.Subscription()));

        var hosted = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            if (service is DigestSubscriptionSeeder)
            {
                await service.StartAsync(CancellationToken.None);
            }
        }

        Assert.Single(hosted, h => h is DigestScheduler);
        Assert.IsType<DigestRunner>(provider.GetRequiredService<IDigestRunner>());
        Assert.NotNull(await provider.GetRequiredService<IDigestStore>().GetSubscriptionAsync("shop-12", CancellationToken.None));
    }
}

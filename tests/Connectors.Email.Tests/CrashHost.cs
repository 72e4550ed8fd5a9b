using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Tests.Digests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// The process the crash tests kill: <c>dotnet PosFleet.Connectors.Email.Tests.dll crash-host pickup DIR WINDOWS</c>
/// runs the digests of WINDOWS consecutive days into a pickup folder, as a back office catching up would, and
/// prints "DONE" when all are written.
/// </summary>
public static class CrashHost
{
    public static readonly DateTimeOffset FirstWindowEnd = new(2026, 11, 1, 7, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        if (args is not ["crash-host", "pickup", var folder, var count])
        {
            Console.Error.WriteLine("usage: crash-host pickup DIR WINDOWS");
            return 2;
        }

        var windows = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
        var logs = LogStoreEntries.NewInMemoryStore();

        // Many messages a day, so that each digest is large (~100 KB) and a kill often lands inside a write.
        for (var m = 0; m < 100; m++)
        {
            logs.AddMany(windows + 1, FirstWindowEnd.AddDays(-1).AddMinutes(m), TimeSpan.FromDays(1), LogKind.Offline, $"till-{m % 7:00}", $"Printer KITCHEN-{m} is offline", hint: "Check the printer's cable and power, then print a test page from the terminal's settings.");
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(FirstWindowEnd.AddDays(windows)));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ILogStore>(logs);
        services.AddPosFleet()
            .AddDigests(o =>
            {
                o.EnableScheduler = false;
                o.MaxGroups = 100;
            })
            .AddPickupFolderNotifier(folder);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDigestStore>().SaveSubscriptionAsync(
            new DigestSubscription { Id = "shop-12", Name = "Shop 12 follow-up", Recipients = ["ops@example.com"], TimeZone = "Europe/Madrid" },
            CancellationToken.None);
        var runner = provider.GetRequiredService<IDigestRunner>();
        for (var i = 0; i < windows; i++)
        {
            var end = FirstWindowEnd.AddDays(i);
            await runner.RunWindowAsync("shop-12", new DigestWindow(end.AddDays(-1), end));
            Console.WriteLine(i);
        }

        Console.WriteLine("DONE");
        return 0;
    }
}

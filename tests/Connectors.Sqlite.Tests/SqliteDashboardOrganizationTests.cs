using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The dashboard of one organization over a store shared by several: the same as over its entries alone.</summary>
public sealed class SqliteDashboardOrganizationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);

    private static readonly (int Minutes, LogSeverity Severity, LogKind Kind, string Template, string Terminal, string Organization, int Times)[] Lines =
    [
        (-10, LogSeverity.Error, LogKind.Fail, "printer: paper out", "POS-0001", "ACME", 3),
        (-12, LogSeverity.Error, LogKind.Fail, "printer: paper out", "POS-0002", "BETA", 7),
        (-95, LogSeverity.Alert, LogKind.Retry, "retrying sync", "POS-0003", "ACME", 2),
        (-97, LogSeverity.Alert, LogKind.Retry, "retrying sync", "POS-0002", "BETA", 9),
        (-300, LogSeverity.Error, LogKind.Offline, "printer offline", "POS-0004", "ACME", 1),
        (-301, LogSeverity.Error, LogKind.Offline, "printer offline", "POS-0005", "ACME", 4),
        (-302, LogSeverity.Error, LogKind.Error, "drawer jammed", "POS-0006", "BETA", 5),
        (-1800, LogSeverity.Success, LogKind.None, "ticket saved", "POS-0001", "ACME", 6),
        (-1801, LogSeverity.Success, LogKind.None, "ticket saved", "POS-0002", "BETA", 8),

        // A terminal that moved from BETA to ACME: each organization sees its own part of its lines.
        (-600, LogSeverity.Error, LogKind.Error, "drawer jammed", "POS-0007", "BETA", 2),
        (-20, LogSeverity.Error, LogKind.Error, "drawer jammed", "POS-0007", "ACME", 1),
        (-49 * 60, LogSeverity.Error, LogKind.Error, "too old", "POS-0001", "ACME", 1),
    ];

    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }

    [Theory]
    [InlineData("ACME")]
    [InlineData("BETA")]
    public async Task GetAsync_OneOrganizationOfASharedStore_EqualsTheDashboardOfItsEntriesAlone(string organization)
    {
        var shared = await DashboardOverAsync("shared.db", _ => true);
        var alone = await DashboardOverAsync("alone.db", line => line.Organization == organization);
        var query = new LogDashboardQuery { Top = 2 };

        var ofOrganization = Describe(await shared.GetAsync(query with { Organization = organization }));
        var ofItsEntries = Describe(await alone.GetAsync(query));

        Assert.Equal(ofItsEntries, ofOrganization);
        Assert.NotEqual(Describe(await shared.GetAsync(query)), ofOrganization);
    }

    private async Task<ILogDashboard> DashboardOverAsync(string file, Func<(int Minutes, LogSeverity Severity, LogKind Kind, string Template, string Terminal, string Organization, int Times), bool> keep)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddPosFleet().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, file)};Pooling=False");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        var log = new TestLog();
        foreach (var line in Lines.Where(keep))
        {
            log.Add(Now.AddMinutes(line.Minutes), line.Severity, line.Kind, line.Template, line.Terminal, line.Organization, times: line.Times);
        }

        await log.AppendToAsync(provider.GetRequiredService<ILogStore>());
        return provider.GetRequiredService<ILogDashboard>();
    }

    /// <summary>What a dashboard shows, as text: its window, hours, totals, templates and terminals.</summary>
    private static List<string> Describe(LogDashboardSnapshot s) =>
    [
        $"{s.From:O} {s.To:O} terminals {s.TerminalCount}",
        .. s.Hours.Select(h => $"{h.Hour:O} {h.Success} {h.Alert} {h.Error}"),
        .. s.Severities.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"),
        .. s.Kinds.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"),
        .. s.Templates.Select(t =>
            $"{t.Template} {t.TemplateId} {t.Kind} {t.Severity} {t.Count} {t.FirstSeen:O} {t.LastSeen:O} {t.Example.Message} {t.Example.Terminal} {t.Example.Organization} [{string.Join(',', t.Terminals)}] {t.TerminalCount}"),
        .. s.Terminals.Select(t =>
            $"{t.Terminal} {t.Organization} {t.Count} {t.LastSeen:O} [{string.Join(',', t.Kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}]"),
    ];
}

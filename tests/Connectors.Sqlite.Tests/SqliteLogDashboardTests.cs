using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The dashboard of a back office over a real SQLite file, registered as a host would.</summary>
public sealed class SqliteLogDashboardTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetAsync_SqliteStore_HoursTotalsTopTemplatesAndTerminals()
    {
        var now = new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services.AddPosFleet().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, "fleet.db")}");
        await using var provider = services.BuildServiceProvider();
        var kb = new Uri("https://kb.example.com/printer");
        await new TestLog()
            .Add(now.AddMinutes(-10), LogSeverity.Error, LogKind.Fail, "printer: paper out", terminal: "POS-0002", hint: "Load paper.", knowledgeBaseUrl: kb, times: 3)
            .Add(now.AddHours(-5), LogSeverity.Error, LogKind.Offline, "printer offline", terminal: "POS-0001")
            .Add(now.AddHours(-5), LogSeverity.Alert, LogKind.Retry, "retrying sync", terminal: "POS-0001", times: 2)
            .Add(now.AddHours(-30), LogSeverity.Success, LogKind.None, "ticket saved", terminal: "POS-0003", times: 4)
            .Add(now.AddHours(-49), LogSeverity.Error, LogKind.Error, "too old", terminal: "POS-0003")
            .AppendToAsync(provider.GetRequiredService<ILogStore>());

        var snapshot = await provider.GetRequiredService<ILogDashboard>().GetAsync(new LogDashboardQuery());

        var to = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal((to.AddHours(-48), to), (snapshot.From, snapshot.To));
        Assert.Equal(48, snapshot.Hours.Count);
        Assert.Equal(new LogDashboardHour(to.AddHours(-1), 0, 0, 3), snapshot.Hours[^1]);
        Assert.Equal(new LogDashboardHour(to.AddHours(-6), 0, 2, 1), snapshot.Hours[^6]);
        Assert.Equal(new LogDashboardHour(to.AddHours(-31), 4, 0, 0), snapshot.Hours[^31]);
        Assert.Equal(45, snapshot.Hours.Count(h => h is { Success: 0, Alert: 0, Error: 0 }));
        Assert.Equal((4L, 2L, 4L), (snapshot.Total(LogSeverity.Success), snapshot.Total(LogSeverity.Alert), snapshot.Total(LogSeverity.Error)));
        Assert.Equal((4L, 0L, 3L, 1L, 2L), (snapshot.Kinds[LogKind.None], snapshot.Kinds[LogKind.Error], snapshot.Kinds[LogKind.Fail], snapshot.Kinds[LogKind.Offline], snapshot.Kinds[LogKind.Retry]));
        Assert.Equal(["printer: paper out", "retrying sync", "printer offline"], snapshot.Templates.Select(t => t.Template));
        Assert.Equal(("Load paper.", kb), (snapshot.Templates[0].Hint, snapshot.Templates[0].KnowledgeBaseUrl));
        Assert.Equal(["POS-0002", "POS-0001"], snapshot.Terminals.Select(t => t.Terminal));
        Assert.Equal([3L, 1L], snapshot.Terminals.Select(t => t.Count));
    }
}

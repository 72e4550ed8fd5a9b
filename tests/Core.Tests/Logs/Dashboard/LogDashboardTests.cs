using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Dashboard;

/// <summary>The dashboard composed over the in-memory store, with the clock of the host.</summary>
public sealed class LogDashboardTests : IDisposable
{
    // 10:30 UTC: the default window is 2026-11-18 11:00 to 2026-11-20 11:00.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowEnd = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
    private static readonly Uri PrinterArticle = new("https://kb.example.com/printer");

    private readonly FakeTimeProvider _time = new(Now);
    private readonly ServiceProvider _provider;

    public LogDashboardTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddPosFleet();
        _provider = services.BuildServiceProvider();
    }

    private ILogDashboard Dashboard => _provider.GetRequiredService<ILogDashboard>();

    private ILogStore Store => _provider.GetRequiredService<ILogStore>();

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task GetAsync_EmptyStore_EveryHourOfTheWindowWithZeros()
    {
        var snapshot = await Dashboard.GetAsync(new LogDashboardQuery());

        Assert.Equal(WindowEnd.AddHours(-48), snapshot.From);
        Assert.Equal(WindowEnd, snapshot.To);
        Assert.Equal(48, snapshot.Hours.Count);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => WindowEnd.AddHours(i - 48)), snapshot.Hours.Select(h => h.Hour));
        Assert.All(snapshot.Hours, h => Assert.Equal((0L, 0L, 0L), (h.Success, h.Alert, h.Error)));
        Assert.Equal(Enum.GetValues<LogSeverity>(), snapshot.Severities.Keys.Order());
        Assert.Equal(Enum.GetValues<LogKind>(), snapshot.Kinds.Keys.Order());
        Assert.All(snapshot.Kinds.Values, count => Assert.Equal(0, count));
        Assert.Empty(snapshot.Templates);
        Assert.Empty(snapshot.Terminals);
    }

    [Fact]
    public async Task GetAsync_EntriesInSomeHours_CountedInTheirHourOthersZero()
    {
        await new TestLog()
            .Add(Now.AddMinutes(-25), LogSeverity.Error, LogKind.Error, "payment declined", times: 2)
            .Add(Now.AddMinutes(-20), LogSeverity.Success, LogKind.None, "ticket saved")
            .Add(new DateTimeOffset(2026, 11, 20, 8, 59, 59, TimeSpan.Zero), LogSeverity.Alert, LogKind.Retry, "retrying sync")
            .Add(WindowEnd.AddHours(-48), LogSeverity.Success, LogKind.None, "ticket saved")
            .Add(WindowEnd.AddHours(-48).AddTicks(-1), LogSeverity.Error, LogKind.Error, "before the window")
            .Add(WindowEnd, LogSeverity.Error, LogKind.Error, "after the window")
            .AppendToAsync(Store);

        var hours = (await Dashboard.GetAsync(new LogDashboardQuery())).Hours;

        Assert.Equal(new LogDashboardHour(WindowEnd.AddHours(-1), 1, 0, 2), hours[47]);
        Assert.Equal(new LogDashboardHour(WindowEnd.AddHours(-2), 0, 0, 0), hours[46]);
        Assert.Equal(new LogDashboardHour(WindowEnd.AddHours(-3), 0, 1, 0), hours[45]);
        Assert.Equal(new LogDashboardHour(WindowEnd.AddHours(-48), 1, 0, 0), hours[0]);
        Assert.Equal(5, hours.Sum(h => h.Success + h.Alert + h.Error));
    }

    [Fact]
    public async Task GetAsync_Entries_TotalsPerSeverityAndPerKind()
    {
        await new TestLog()
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", times: 3)
            .Add(Now.AddHours(-2), LogSeverity.Error, LogKind.Offline, "printer offline", times: 2)
            .Add(Now.AddHours(-3), LogSeverity.Alert, LogKind.Retry, "retrying sync", times: 4)
            .Add(Now.AddHours(-4), LogSeverity.Success, LogKind.None, "ticket saved", times: 5)
            .AppendToAsync(Store);

        var snapshot = await Dashboard.GetAsync(new LogDashboardQuery());

        Assert.Equal((5L, 4L, 5L), (snapshot.Total(LogSeverity.Success), snapshot.Total(LogSeverity.Alert), snapshot.Total(LogSeverity.Error)));
        Assert.Equal(5, snapshot.Severities[LogSeverity.Error]);
        Assert.Equal(
            new Dictionary<LogKind, long> { [LogKind.None] = 5, [LogKind.Error] = 3, [LogKind.Fail] = 0, [LogKind.Offline] = 2, [LogKind.Retry] = 4 },
            snapshot.Kinds);
    }

    [Fact]
    public async Task GetAsync_TopTemplateOfRuleWithOrigin_CarriesTheOrigin()
    {
        await new TestLog()
            .Add(Now.AddHours(-2), LogSeverity.Error, LogKind.Fail, "fiscal: fault 7", hint: "Restart the fiscal printer.", times: 3, origin: "fiscal printer")
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", times: 1)
            .AppendToAsync(Store);

        var templates = (await Dashboard.GetAsync(new LogDashboardQuery())).Templates;

        Assert.Equal("fiscal printer", templates.Single(t => t.Template == "fiscal: fault 7").Origin);
        Assert.Null(templates.Single(t => t.Template == "payment declined").Origin);
    }

    [Fact]
    public async Task GetAsync_TopTemplates_ErrorsAndAlertsMostFrequentFirstWithHint()
    {
        await new TestLog()
            .Add(Now.AddHours(-1), LogSeverity.Success, LogKind.None, "ticket saved", times: 9)
            .Add(Now.AddHours(-1), LogSeverity.Alert, LogKind.Retry, "retrying sync", times: 2)
            .Add(Now.AddHours(-2), LogSeverity.Error, LogKind.Fail, "printer: paper out", hint: "Load paper.", knowledgeBaseUrl: PrinterArticle, times: 4)
            .Add(Now.AddHours(-3), LogSeverity.Error, LogKind.Error, "payment declined", times: 1)
            .AppendToAsync(Store);

        var templates = (await Dashboard.GetAsync(new LogDashboardQuery { Top = 2 })).Templates;

        Assert.Equal(["printer: paper out", "retrying sync"], templates.Select(t => t.Template));
        Assert.Equal([4L, 2L], templates.Select(t => t.Count));
        Assert.Equal("Load paper.", templates[0].Hint);
        Assert.Equal(PrinterArticle, templates[0].KnowledgeBaseUrl);
    }

    [Fact]
    public async Task GetAsync_TopTerminals_MostErrorsFirstAlertsNotCounted()
    {
        await new TestLog()
            .Add(Now.AddHours(-1), LogSeverity.Alert, LogKind.Retry, "retrying sync", terminal: "POS-0001", times: 9)
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", terminal: "POS-0001")
            .Add(Now.AddHours(-2), LogSeverity.Error, LogKind.Error, "payment declined", terminal: "POS-0002", times: 3)
            .Add(Now.AddHours(-3), LogSeverity.Error, LogKind.Offline, "printer offline", terminal: "POS-0003", times: 2)
            .AppendToAsync(Store);

        var terminals = (await Dashboard.GetAsync(new LogDashboardQuery { Top = 2 })).Terminals;

        Assert.Equal(["POS-0002", "POS-0003"], terminals.Select(t => t.Terminal));
        Assert.Equal([3L, 2L], terminals.Select(t => t.Count));
    }

    [Fact]
    public async Task GetAsync_OrganizationOrTerminal_OnlyTheirEntries()
    {
        await new TestLog()
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", terminal: "POS-0001", organization: "ACME", times: 2)
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", terminal: "POS-0002", organization: "ACME", times: 3)
            .Add(Now.AddHours(-1), LogSeverity.Error, LogKind.Error, "payment declined", terminal: "SHOP-01", organization: "Globex", times: 7)
            .AppendToAsync(Store);

        var acme = await Dashboard.GetAsync(new LogDashboardQuery { Organization = "ACME" });
        var till = await Dashboard.GetAsync(new LogDashboardQuery { Terminal = "POS-0002" });

        Assert.Equal(5, acme.Total(LogSeverity.Error));
        Assert.Equal(["POS-0002", "POS-0001"], acme.Terminals.Select(t => t.Terminal));
        Assert.Equal(5, Assert.Single(acme.Templates).Count);
        Assert.Equal(3, till.Total(LogSeverity.Error));
        Assert.Equal("POS-0002", Assert.Single(till.Terminals).Terminal);
    }

    [Fact]
    public async Task GetAsync_ClockMoves_WindowFollowsTheTimeProvider()
    {
        await new TestLog().Add(Now, LogSeverity.Error, LogKind.Error, "payment declined").AppendToAsync(Store);

        _time.Advance(TimeSpan.FromHours(48));
        var later = await Dashboard.GetAsync(new LogDashboardQuery());

        Assert.Equal(WindowEnd.AddHours(48), later.To);
        Assert.Equal(0, later.Total(LogSeverity.Error));
    }

    [Fact]
    public async Task GetAsync_QueryWindowAndAsOf_OverrideTheOptions()
    {
        var asOf = new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.FromHours(1)); // 11:00 UTC, on the hour
        await new TestLog()
            .Add(asOf, LogSeverity.Alert, LogKind.Retry, "retrying sync")
            .Add(asOf.AddHours(-6), LogSeverity.Alert, LogKind.Retry, "retrying sync")
            .AppendToAsync(Store);

        var snapshot = await Dashboard.GetAsync(new LogDashboardQuery { AsOf = asOf, Window = TimeSpan.FromHours(6) });

        Assert.Equal(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero), snapshot.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 6, 0, 0, TimeSpan.Zero), snapshot.From);
        Assert.Equal(6, snapshot.Hours.Count);
        Assert.Equal(1, snapshot.Hours[^1].Alert);
        Assert.Equal(1, snapshot.Total(LogSeverity.Alert));
    }

    [Fact]
    public async Task GetAsync_ConfiguredOptions_AreTheDefaults()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddPosFleet().AddLogDashboard(o => (o.Window, o.Top) = (TimeSpan.FromHours(24), 1));
        await using var provider = services.BuildServiceProvider();
        await new TestLog()
            .Add(Now, LogSeverity.Error, LogKind.Error, "payment declined", terminal: "POS-0001", times: 2)
            .Add(Now, LogSeverity.Error, LogKind.Error, "printer offline", terminal: "POS-0002")
            .AppendToAsync(provider.GetRequiredService<ILogStore>());

        var snapshot = await provider.GetRequiredService<ILogDashboard>().GetAsync(new LogDashboardQuery());

        Assert.Equal(24, snapshot.Hours.Count);
        Assert.Equal("payment declined", Assert.Single(snapshot.Templates).Template);
        Assert.Equal("POS-0001", Assert.Single(snapshot.Terminals).Terminal);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1.5, 10)]
    [InlineData(24 * 367, 10)]
    [InlineData(48, 0)]
    public async Task GetAsync_InvalidQuery_ThrowsNamingTheField(double hours, int top)
    {
        var query = new LogDashboardQuery { Window = TimeSpan.FromHours(hours), Top = top };

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Dashboard.GetAsync(query));

        Assert.Contains(top < 1 ? "LogDashboardQuery.Top" : "LogDashboardQuery.Window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLogDashboard_InvalidOptions_FailValidationNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogDashboard(o => (o.Window, o.Top) = (TimeSpan.FromMinutes(90), 0));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LogDashboardOptions>>().Value);

        Assert.Contains("LogDashboardOptions.Window", error.Message, StringComparison.Ordinal);
        Assert.Contains("LogDashboardOptions.Top", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPosFleet_Twice_RegistersTheDashboardOnce()
    {
        var services = new ServiceCollection();
        services.AddPosFleet();
        services.AddPosFleet();

        Assert.Single(services, d => d.ServiceType == typeof(ILogDashboard));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LogDashboardOptions>));
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests.Issues;

/// <summary>Groups read from the rollups of a real SQLite file: regressions found in review.</summary>
public sealed class SqliteGroupIssuesTests : IDisposable
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _provider;
    private readonly ILogStore _store;

    public SqliteGroupIssuesTests()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o => o.ConnectionString = $"Data Source={Db}");
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<ILogStore>();
    }

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    public void Dispose()
    {
        _provider.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task GroupByTemplate_RollupsNameATemplateWhoseEntriesAreGone_LeavesItOutInsteadOfThrowing()
    {
        LogEntry E(long line, ulong template) => new()
        {
            Timestamp = Ten.AddMinutes(line),
            Terminal = "POS-0001",
            Level = "ERROR",
            Kind = LogKind.Error,
            Severity = LogSeverity.Error,
            Message = $"failure {template}",
            Template = $"failure {template}",
            TemplateId = template,
            Position = new LogPosition("/var/log/pos/till.log", line),
        };
        await _store.AppendAsync(new LogBatch([E(1, 7), E(2, 7), E(3, 8)], new IngestCheckpoint("/var/log/pos/till.log", 300, 3, 1)), CancellationToken.None);

        // The entries of template 7 go, its rollups stay (as a store edited by hand, or restored from pieces, would be).
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM entries WHERE template_id = (SELECT id FROM templates WHERE hash = 7);";
            Assert.Equal(2, delete.ExecuteNonQuery());
        }

        var groups = await _store.GroupByTemplateAsync(new LogQuery { From = Ten, To = Ten.AddHours(1) }, 10, CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal((8UL, 1L, 3L), (group.TemplateId, group.Count, group.Example.Position.Line));
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>Retention on PostgreSQL drops the partitions wholly past the limit, even with two instances running it at once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLogRetentionTests(PostgreSqlServer server) : IDisposable
{
    private static readonly DateTimeOffset FirstDay = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task DeleteOlderThanAsync_EntriesOverFiveDays_DropsTheOldPartitionsAndKeepsTheRestReadable()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var store = Store(connectionString);
        await store.AppendAsync(FiveDays(), CancellationToken.None);

        var deleted = await store.DeleteOlderThanAsync(FirstDay.AddDays(2).AddHours(5), CancellationToken.None);

        Assert.Equal(20 + 3, deleted);
        Assert.Equal(Partitions(2, 3, 4), await PartitionsAsync(connectionString));
        var left = (await store.QueryAsync(new LogQuery { Limit = 1_000 }, CancellationToken.None)).Entries;
        Assert.Equal(27, left.Count);
        Assert.All(left, e => Assert.True(e.Timestamp >= FirstDay.AddDays(2).AddHours(5)));
        Assert.Equal(27, (await store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count));
    }

    [Fact]
    public async Task DeleteOlderThanAsync_TwoInstancesAtOnce_EachEntryDeletedOnceAndNeitherFails()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var first = Store(connectionString);
        var second = Store(connectionString);
        await first.AppendAsync(FiveDays(), CancellationToken.None);
        // The second instance has seen the partitions too, as an instance ingesting into them would have.
        Assert.Equal(50, (await second.QueryAsync(new LogQuery { Limit = 1_000 }, CancellationToken.None)).Entries.Count);
        var limit = FirstDay.AddDays(4);

        var deleted = await Task.WhenAll(
            Task.Run(async () => await first.DeleteOlderThanAsync(limit, CancellationToken.None)),
            Task.Run(async () => await second.DeleteOlderThanAsync(limit, CancellationToken.None)));

        Assert.Equal(40, deleted.Sum());
        Assert.Equal(Partitions(4), await PartitionsAsync(connectionString));
        Assert.Equal(10, (await second.QueryAsync(new LogQuery { Limit = 1_000 }, CancellationToken.None)).Entries.Count);
        Assert.Equal(10, (await first.QueryAsync(new LogQuery { Limit = 1_000 }, CancellationToken.None)).Entries.Count);
    }

    [Fact]
    public async Task AppendAsync_PartitionDroppedByAnotherInstance_RecreatesItAndKeepsTheEntries()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var ingesting = Store(connectionString);
        var retaining = Store(connectionString);
        // The ingesting instance creates, and remembers, the five days' partitions.
        await ingesting.AppendAsync(FiveDays(), CancellationToken.None);
        await retaining.DeleteOlderThanAsync(FirstDay.AddDays(4), CancellationToken.None);
        Assert.Equal(Partitions(4), await PartitionsAsync(connectionString));

        // A terminal that was offline sends lines from day 1, whose partition only the other instance knows is gone.
        var late = Enumerable.Range(0, 3).Select(i => new LogEntry
        {
            Timestamp = FirstDay.AddDays(1).AddHours(i),
            Terminal = "POS-0002",
            Level = "ERROR",
            Message = $"late line {i + 1}",
            Template = "late line <*>",
            TemplateId = 2,
            Position = new LogPosition("till-2.log", i + 1),
        }).ToList();
        var added = await ingesting.AppendAsync(new LogBatch(late, new IngestCheckpoint("till-2.log", 300, 3, 7, null, 0)), CancellationToken.None);

        Assert.Equal(3, added);
        Assert.Equal(Partitions(1, 4), await PartitionsAsync(connectionString));
        var entries = (await retaining.QueryAsync(new LogQuery { Limit = 1_000 }, CancellationToken.None)).Entries;
        Assert.Equal(13, entries.Count);
        Assert.Equal(3, entries.Count(e => e.Terminal == "POS-0002"));
        Assert.Equal(3L, (await ingesting.GetCheckpointAsync("till-2.log", CancellationToken.None))!.Line);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    /// <summary>Ten entries a day, every two hours from midnight, for five days from <see cref="FirstDay"/>.</summary>
    private static LogBatch FiveDays()
    {
        var entries = Enumerable.Range(0, 50).Select(i => new LogEntry
        {
            Timestamp = FirstDay.AddDays(i / 10).AddHours(i % 10 * 2),
            Terminal = "POS-0001",
            Level = "INFO",
            Message = $"line {i + 1} done",
            Template = "line <*> done",
            TemplateId = 1,
            Position = new LogPosition("till.log", i + 1),
        }).ToList();
        return new LogBatch(entries, new IngestCheckpoint("till.log", 5_000, 50, 42, null, 0));
    }

    private static string[] Partitions(params int[] days) =>
        [.. days.Select(d => "log_entries_p" + FirstDay.AddDays(d).UtcTicks.ToString(CultureInfo.InvariantCulture))];

    private static async Task<string[]> PartitionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'log_entries'::regclass ORDER BY c.relname",
            connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private ILogStore Store(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILogStore>();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// How a page of one organization's entries is read (walking every entry newest first, or reading the organization's
/// and sorting them) follows where its entries are in the window, not their average over it.
/// </summary>
public sealed class SqliteOrganizationPageOrderTests : IDisposable
{
    private static readonly DateTimeOffset End = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
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

    [Fact]
    public async Task WalksTimeAsync_OrganizationQuietOverTheWindowButBusyInItsNewestHour_Walks()
    {
        // 300 of NIGHT's entries in the newest hour, beside 100 an hour of DAY's: the page's 51 are within that hour.
        var path = await StoreAsync(("NIGHT", 47, 300));

        Assert.True(await WalksTimeAsync(path, "NIGHT"));
    }

    [Fact]
    public async Task WalksTimeAsync_OrganizationBusyLongAgoAndQuietSince_SortsItsEntries()
    {
        // 3,000 of OLD's entries in the oldest hour: a walk would read every DAY entry of the 47 hours after it first.
        var path = await StoreAsync(("OLD", 0, 3_000));

        Assert.False(await WalksTimeAsync(path, "OLD"));
    }

    /// <summary>A store with 100 entries of DAY in each of the window's 48 hours, and <paramref name="other"/>'s entries in one hour.</summary>
    private async Task<string> StoreAsync((string Organization, int Hour, int Count) other)
    {
        var path = Path.Combine(_dir.Path, "fleet.db");
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage($"Data Source={path};Pooling=False");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);

        var start = End.AddHours(-48);
        var lines = Enumerable.Range(0, 48).SelectMany(h => Enumerable.Range(0, 100).Select(i => (Organization: "DAY", At: start.AddHours(h).AddSeconds(i * 30))))
            .Concat(Enumerable.Range(0, other.Count).Select(i => (other.Organization, At: start.AddHours(other.Hour).AddSeconds(i))))
            .OrderBy(l => l.At)
            .Select((l, i) => new LogEntry
            {
                Timestamp = l.At,
                Terminal = l.Organization + "-POS",
                Organization = l.Organization,
                Level = "INFO",
                Message = $"ticket {i} saved",
                Template = "ticket <*> saved",
                TemplateId = 1,
                Position = new LogPosition("till.log", i + 1),
            })
            .ToList();
        await provider.GetRequiredService<ILogStore>().AppendAsync(new LogBatch(lines, new IngestCheckpoint("till.log", lines.Count * 40L, lines.Count, 1, null, 0)), CancellationToken.None);
        return path;
    }

    private static async Task<bool> WalksTimeAsync(string path, string organization)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return await SqliteLogStore.WalksTimeAsync(connection, new LogQuery { From = End.AddHours(-48), To = End, Organization = organization, Limit = 50 }, CancellationToken.None);
    }
}

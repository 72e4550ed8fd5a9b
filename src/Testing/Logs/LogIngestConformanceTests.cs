using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <summary>
/// Ingest exactly once through an <see cref="ILogStore"/>: the <see cref="ILogIngester"/> that <c>AddPosFleet</c> registers
/// reads real files into the store under test, whose checkpoints must be committed with the entries they cover. A
/// connector's test project derives from this class and implements <see cref="CreateStoreAsync"/> (and
/// <see cref="ReopenStoreAsync"/> when a restarted process opens its data anew).
/// </summary>
public abstract partial class LogIngestConformanceTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("posfleet-ingest-conformance-");

    /// <summary>Makes a new, empty store for one test.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ILogStore> CreateStoreAsync();

    /// <summary>
    /// The store a restarted process would open over the data of <paramref name="store"/> (a crash happened in between);
    /// by default the same instance, which fits a store that lives in the process.
    /// </summary>
    /// <param name="store">The store the crashed ingest wrote to.</param>
    /// <returns>The store over the same data.</returns>
    protected virtual ValueTask<ILogStore> ReopenStoreAsync(ILogStore store) => ValueTask.FromResult(store);

    /// <summary>Deletes the test's log files.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the test's log files; a derived class closes its stores first, then calls this.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _dir.Exists)
        {
            _dir.Delete(recursive: true);
        }
    }

    /// <summary>Lines of a till's log, numbered <paramref name="first"/> to <paramref name="last"/>, each one entry.</summary>
    /// <param name="first">The first number.</param>
    /// <param name="last">The last number.</param>
    /// <param name="tag">A word in each message, to tell files apart.</param>
    /// <returns>The lines, each ending with a newline.</returns>
    private static string Lines(int first, int last, string tag = "ticket") => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"2026-11-20T10:{i / 60 % 60:00}:{i % 60:00}.000Z [INFO] term=POS-0001 tickets: {tag} {i} closed\n")));

    /// <summary>A file in the test's directory with <paramref name="content"/>.</summary>
    /// <param name="name">The file name.</param>
    /// <param name="content">What it holds.</param>
    /// <returns>Its full path.</returns>
    private string File(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Ingests <paramref name="paths"/> into <paramref name="store"/> with the ingester that <c>AddPosFleet</c> registers.</summary>
    /// <param name="store">The store under test.</param>
    /// <param name="paths">The files.</param>
    /// <param name="batchSize">The most entries per append.</param>
    /// <returns>What was read and stored.</returns>
    private static async Task<LogIngestSummary> IngestAsync(ILogStore store, IReadOnlyList<string> paths, int batchSize = 65536)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddPosFleet();
        await using var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        return await provider.GetRequiredService<ILogIngester>().IngestAsync(new LogIngestRequest
        {
            Paths = paths,
            Options = new LogIngestOptions { BatchSize = batchSize, ChannelCapacity = 1 },
        });
    }

    /// <summary>The messages stored from <paramref name="source"/>, in line order, with their line numbers.</summary>
    /// <param name="store">The store.</param>
    /// <param name="source">The file's full path.</param>
    /// <returns>Line number and message of each stored entry.</returns>
    private static async Task<List<(long Line, string Message)>> StoredAsync(ILogStore store, string source)
    {
        var page = await store.QueryAsync(new LogQuery { Limit = 10_000 }, CancellationToken.None);
        return [.. page.Entries.Where(e => e.Position.Source == source).Select(e => (e.Position.Line, e.Message)).OrderBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal)];
    }

    private static IEnumerable<(long Line, string Message)> Expected(int first, int last, string tag = "ticket", int firstLine = 1) =>
        Enumerable.Range(first, last - first + 1).Select(i => ((long)(firstLine + i - first), $"{tag} {i} closed"));
}

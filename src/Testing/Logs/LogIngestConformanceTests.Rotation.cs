using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Files truncated in place or renamed away and replaced are read again from their start, once.</content>
public abstract partial class LogIngestConformanceTests
{
    /// <summary>A file copied away and truncated (logrotate's copytruncate) is read again from its start.</summary>
    [Fact]
    public async Task IngestAsync_FileTruncatedAndWritten_ReadFromItsStartKeepingTheEarlierEntries()
    {
        var log = File("till.log", Lines(1, 5));
        var store = await CreateStoreAsync();
        await IngestAsync(store, [log]);
        System.IO.File.WriteAllText(log, Lines(6, 7, "after"));

        var rotated = await IngestAsync(store, [log]);

        Assert.Equal((2L, 2L, true), (rotated.LinesRead, rotated.NewEntries, Assert.Single(rotated.Sources).Restarted));
        Assert.Equal(Expected(1, 5).Concat(Expected(6, 7, "after")).OrderBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal), await StoredAsync(store, log));
        Assert.Equal(2, (await store.GetCheckpointAsync(log, CancellationToken.None))?.Line);
    }

    /// <summary>A file renamed away and replaced by a new one at its path (logrotate's create) is read from its start.</summary>
    [Fact]
    public async Task IngestAsync_FileRenamedAndReplaced_NewFileReadFromItsStart()
    {
        var log = File("till.log", Lines(1, 3));
        var store = await CreateStoreAsync();
        await IngestAsync(store, [log]);
        System.IO.File.Move(log, log + ".1");
        File("till.log", Lines(4, 8, "new"));

        var rotated = await IngestAsync(store, [log]);
        var again = await IngestAsync(store, [log]);

        Assert.Equal((5L, 5L, true), (rotated.LinesRead, rotated.NewEntries, Assert.Single(rotated.Sources).Restarted));
        Assert.Equal((0L, 0L), (again.LinesRead, again.NewEntries));
        Assert.Equal(Expected(1, 3).Concat(Expected(4, 8, "new")).OrderBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal), await StoredAsync(store, log));
    }
}

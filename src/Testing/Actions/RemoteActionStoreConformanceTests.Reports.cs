using PosFleet.Actions;
using Xunit;

namespace PosFleet.Testing.Actions;

public abstract partial class RemoteActionStoreConformanceTests
{
    /// <summary>An outcome reported twice (a lost response) is recorded once; a later, different outcome changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_OutcomeTwice_RecordedOnce()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        var succeeded = Report(action, RemoteActionState.Succeeded) with { Output = "cleared 12 entries" };

        var first = await store.RecordAsync("ACME", "till-01", succeeded, 1024, default);
        var replay = await store.RecordAsync("ACME", "till-01", succeeded, 1024, default);
        var other = await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Failed, 2), 1024, default);
        var read = await store.GetAsync("ACME", action.Id, default);

        Assert.Equal(RemoteActionRecordResult.Recorded, first);
        Assert.Equal(RemoteActionRecordResult.AlreadyRecorded, replay);
        Assert.Equal(RemoteActionRecordResult.AlreadyRecorded, other);
        Assert.Equal(RemoteActionState.Succeeded, read!.State);
        Assert.Equal("cleared 12 entries", read.Output);
        Assert.Single(read.History, h => RemoteActionStates.IsDone(h.State));
    }

    /// <summary>Two exchanges racing with the outcome of one action record it once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_ConcurrentOutcomes_ExactlyOneRecorded()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            await store.RecordAsync("ACME", "till-01", Report(action, i % 2 == 0 ? RemoteActionState.Succeeded : RemoteActionState.Failed), 1024, default))));

        Assert.Single(results, r => r == RemoteActionRecordResult.Recorded);
        Assert.Single((await store.GetAsync("ACME", action.Id, default))!.History, h => RemoteActionStates.IsDone(h.State));
    }

    /// <summary>A terminal cannot report on another terminal's action, nor from another organization: refused, nothing written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_OtherTerminalsAction_RefusedNothingWritten()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action("till-01"), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        var chunk = Report(action, RemoteActionState.Running) with { Upload = new RemoteActionUploadChunk { Offset = 0, Data = [1, 2, 3], TotalLength = 3 } };

        var byOther = await store.RecordAsync("ACME", "till-02", Report(action, RemoteActionState.Succeeded), 1024, default);
        var otherOrganization = await store.RecordAsync("OTHER", "till-01", Report(action, RemoteActionState.Succeeded), 1024, default);
        var upload = await store.RecordAsync("ACME", "till-02", chunk, 1024, default);
        var unknown = await store.RecordAsync("ACME", "till-01", Report(Action(), RemoteActionState.Succeeded), 1024, default);

        Assert.All(new[] { byOther, otherOrganization, upload, unknown }, r => Assert.Equal(RemoteActionRecordResult.Refused, r));
        var read = await store.GetAsync("ACME", action.Id, default);
        Assert.Equal(RemoteActionState.Delivered, read!.State);
        Assert.Null(read.UploadedBytes);
        Assert.Equal(-1, await store.CopyUploadToAsync("ACME", action.Id, Stream.Null, default));
    }

    /// <summary>Each attempt's start is kept with its reason; a report before delivery or on a canceled action is refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_Retries_EachAttemptKeptWithItsReason()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;
        var canceled = (await store.AddAsync(Action(name: "other"), default)).Action;
        Assert.Equal(RemoteActionRecordResult.Refused, await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Running), 1024, default));
        await store.CancelAsync("ACME", canceled.Id, Now, null, default);
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);

        await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Running, 1), 1024, default);
        await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Running, 1), 1024, default);
        await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Running, 2) with { Detail = "timed out" }, 1024, default);
        await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Failed, 2), 1024, default);

        var read = await store.GetAsync("ACME", action.Id, default);
        Assert.Equal(
            [(RemoteActionState.Pending, 0), (RemoteActionState.Delivered, 0), (RemoteActionState.Running, 1), (RemoteActionState.Running, 2), (RemoteActionState.Failed, 2)],
            read!.History.Select(h => (h.State, h.Attempt)));
        Assert.Equal("timed out", read.History[3].Detail);
        Assert.Equal(2, read.Attempt);
        Assert.Equal(RemoteActionRecordResult.Refused, await store.RecordAsync("ACME", "till-01", Report(canceled, RemoteActionState.Succeeded), 1024, default));
    }

    /// <summary>Upload chunks are kept in order; a chunk sent again is acknowledged without being kept twice; one past a gap or the limit is refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_UploadChunks_ResumeWithoutGapsOrDuplicates()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        var bytes = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        RemoteActionReport Chunk(int offset, int length) => Report(action, RemoteActionState.Running) with
        {
            Upload = new RemoteActionUploadChunk { Offset = offset, Data = bytes[offset..(offset + length)], TotalLength = bytes.Length },
        };

        var first = await store.RecordAsync("ACME", "till-01", Chunk(0, 40), 1000, default);
        var replay = await store.RecordAsync("ACME", "till-01", Chunk(0, 40), 1000, default);
        var gap = await store.RecordAsync("ACME", "till-01", Chunk(60, 40), 1000, default);
        var overlap = await store.RecordAsync("ACME", "till-01", Chunk(30, 50), 1000, default);
        var last = await store.RecordAsync("ACME", "till-01", Chunk(80, 20), 1000, default);
        var tooLarge = await store.RecordAsync("ACME", "till-01", Chunk(0, 100), 50, default);
        var copy = new MemoryStream();
        var copied = await store.CopyUploadToAsync("ACME", action.Id, copy, default);

        Assert.Equal(RemoteActionRecordResult.Recorded, first);
        Assert.Equal(RemoteActionRecordResult.AlreadyRecorded, replay);
        Assert.Equal(RemoteActionRecordResult.Refused, gap);
        Assert.Equal(RemoteActionRecordResult.Recorded, overlap);
        Assert.Equal(RemoteActionRecordResult.Recorded, last);
        Assert.Equal(RemoteActionRecordResult.Refused, tooLarge);
        Assert.Equal(100, copied);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(100, (await store.GetAsync("ACME", action.Id, default))!.UploadedBytes);
    }

    /// <summary>Lists are per organization (and terminal), pending or done, newest first, in pages that follow each other without gaps or repeats.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_PendingAndDone_NewestFirstInKeysetPages()
    {
        var store = await CreateStoreAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            // Two share an instant: the id breaks the tie.
            ids.Add((await store.AddAsync(Action(i % 2 == 0 ? "till-01" : "till-02", $"a{i}", Now.AddMinutes(i == 6 ? 5 : i)), default)).Action.Id);
        }

        await store.AddAsync(Action("till-09", "elsewhere") with { Organization = "OTHER" }, default);
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        await store.RecordAsync("ACME", "till-01", Report((await store.GetAsync("ACME", ids[0], default))!, RemoteActionState.Succeeded), 1024, default);

        var all = new List<RemoteAction>();
        string? after = null;
        do
        {
            var page = await store.ListAsync(new RemoteActionQuery { Organization = "ACME", Limit = 3, After = after }, default);
            Assert.True(page.Actions.Count <= 3);
            all.AddRange(page.Actions);
            after = page.Next;
        }
        while (after is not null);

        var done = await store.ListAsync(new RemoteActionQuery { Organization = "ACME", List = RemoteActionList.Done }, default);
        var pendingTill2 = await store.ListAsync(new RemoteActionQuery { Organization = "ACME", TerminalId = "till-02", List = RemoteActionList.Pending }, default);

        Assert.Equal(7, all.Select(a => a.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id.ToString("D"), StringComparer.Ordinal).Select(a => a.Id), all.Select(a => a.Id));
        Assert.Equal([ids[0]], done.Actions.Select(a => a.Id));
        Assert.Equal([ids[5], ids[3], ids[1]], pendingTill2.Actions.Select(a => a.Id));
        Assert.Null(pendingTill2.Next);
    }
}

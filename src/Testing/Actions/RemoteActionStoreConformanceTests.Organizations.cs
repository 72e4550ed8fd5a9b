using PosFleet.Actions;
using Xunit;

namespace PosFleet.Testing.Actions;

/// <summary>
/// Every by-id call is scoped to an organization: asked for another organization's action, a store answers as for an
/// unknown id (so its existence and state are not told) and changes nothing.
/// </summary>
public abstract partial class RemoteActionStoreConformanceTests
{
    /// <summary>Another organization's action reads as an unknown one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Get_AnotherOrganizationsAction_AnsweredAsUnknown()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;

        var fromOther = await store.GetAsync("OTHER", action.Id, default);
        var unknown = await store.GetAsync("OTHER", Guid.NewGuid(), default);
        var own = await store.GetAsync("ACME", action.Id, default);

        Assert.Null(fromOther);
        Assert.Null(unknown);
        Assert.Equal(action.Id, own!.Id);
    }

    /// <summary>Another organization cannot cancel an action, pending or delivered, nor learn its state: the answer is an unknown one's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Cancel_AnotherOrganizationsAction_AnsweredAsUnknownNothingWritten()
    {
        var store = await CreateStoreAsync();
        var pending = (await store.AddAsync(Action(name: "a"), default)).Action;
        var delivered = (await store.AddAsync(Action("till-02", "b"), default)).Action;
        await store.DeliverAsync("ACME", "till-02", Now, 10, default);

        var onPending = await store.CancelAsync("OTHER", pending.Id, Now.AddMinutes(1), "not theirs", default);
        var onDelivered = await store.CancelAsync("OTHER", delivered.Id, Now.AddMinutes(1), "not theirs", default);
        var onUnknown = await store.CancelAsync("OTHER", Guid.NewGuid(), Now.AddMinutes(1), "not theirs", default);

        Assert.Null(onPending);
        Assert.Null(onDelivered);
        Assert.Null(onUnknown);
        var read = await store.GetAsync("ACME", pending.Id, default);
        Assert.Equal(RemoteActionState.Pending, read!.State);
        Assert.Equal([RemoteActionState.Pending], read.History.Select(h => h.State));
        Assert.Null(read.Detail);
    }

    /// <summary>Another organization gets no byte of an action's upload: the answer is that of an action without one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CopyUpload_AnotherOrganizationsAction_AnsweredAsNoUpload()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        var chunk = Report(action, RemoteActionState.Running) with { Upload = new RemoteActionUploadChunk { Offset = 0, Data = [1, 2, 3, 4], TotalLength = 4 } };
        Assert.Equal(RemoteActionRecordResult.Recorded, await store.RecordAsync("ACME", "till-01", chunk, 1024, default));

        var stolen = new MemoryStream();
        var fromOther = await store.CopyUploadToAsync("OTHER", action.Id, stolen, default);
        var unknown = await store.CopyUploadToAsync("OTHER", Guid.NewGuid(), Stream.Null, default);
        var own = new MemoryStream();
        var copied = await store.CopyUploadToAsync("ACME", action.Id, own, default);

        Assert.Equal(-1, fromOther);
        Assert.Equal(-1, unknown);
        Assert.Equal(0, stolen.Length);
        Assert.Equal(4, copied);
        Assert.Equal([1, 2, 3, 4], own.ToArray());
    }
}

using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.Testing.Actions;

namespace PosFleet.Tests.Actions;

/// <summary>The in-memory action store passes the conformance suite.</summary>
public sealed class InMemoryRemoteActionStoreTests : RemoteActionStoreConformanceTests
{
    protected override Task<IRemoteActionStore> CreateStoreAsync() => Task.FromResult<IRemoteActionStore>(new InMemoryRemoteActionStore());
}

/// <summary>The in-memory journal passes the conformance suite.</summary>
public sealed class InMemoryRemoteActionJournalTests : RemoteActionJournalConformanceTests
{
    protected override Task<IRemoteActionJournal> CreateJournalAsync() => Task.FromResult<IRemoteActionJournal>(new InMemoryRemoteActionJournal());
}

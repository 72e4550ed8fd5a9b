using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;
using PosFleet.Testing.Sync;

namespace PosFleet.Tests.Sync;

/// <summary>The in-memory outbox passes the conformance suite.</summary>
public sealed class InMemoryOutboxTests : OutboxConformanceTests
{
    protected override Task<IOutbox> CreateOutboxAsync() => Task.FromResult<IOutbox>(new InMemoryOutbox());
}

/// <summary>The in-memory inbox passes the conformance suite.</summary>
public sealed class InMemorySyncInboxStoreTests : SyncInboxStoreConformanceTests
{
    protected override Task<ISyncInboxStore> CreateStoreAsync() => Task.FromResult<ISyncInboxStore>(new InMemorySyncInboxStore());
}

/// <summary>The in-memory credential store passes the conformance suite.</summary>
public sealed class InMemoryTerminalCredentialStoreTests : TerminalCredentialStoreConformanceTests
{
    protected override Task<ITerminalCredentialStore> CreateStoreAsync() => Task.FromResult<ITerminalCredentialStore>(new InMemoryTerminalCredentialStore());
}

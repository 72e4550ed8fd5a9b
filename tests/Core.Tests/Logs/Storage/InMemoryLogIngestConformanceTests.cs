using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Tests.Logs.Storage;

/// <summary>The ingest conformance suite over the in-memory store (a restarted process keeps nothing but the instance).</summary>
public sealed class InMemoryLogIngestConformanceTests : LogIngestConformanceTests
{
    protected override ValueTask<ILogStore> CreateStoreAsync() => ValueTask.FromResult<ILogStore>(new InMemoryLogStore());
}

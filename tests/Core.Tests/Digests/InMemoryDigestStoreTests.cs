using PosFleet.Digests;
using PosFleet.Testing.Digests;

namespace PosFleet.Tests.Digests;

/// <summary>The in-memory store passes the conformance suite.</summary>
public sealed class InMemoryDigestStoreTests : DigestStoreConformanceTests
{
    protected override Task<IDigestStore> CreateStoreAsync() => Task.FromResult<IDigestStore>(new InMemoryDigestStore());
}

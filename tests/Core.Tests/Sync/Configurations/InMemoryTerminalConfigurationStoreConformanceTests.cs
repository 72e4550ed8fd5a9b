using PosFleet.Sync.Configurations;
using PosFleet.Testing.Sync;

namespace PosFleet.Core.Tests.Sync.Configurations;

/// <summary>The configuration store conformance suite on the in-memory store.</summary>
public sealed class InMemoryTerminalConfigurationStoreConformanceTests : TerminalConfigurationStoreConformanceTests
{
    protected override Task<ITerminalConfigurationStore> CreateStoreAsync() => Task.FromResult<ITerminalConfigurationStore>(new InMemoryTerminalConfigurationStore());
}

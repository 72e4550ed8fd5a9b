using PosFleet.Status;
using PosFleet.Testing.Status;

namespace PosFleet.Tests.Status;

/// <summary>The in-memory terminal status store passes the conformance suite.</summary>
public sealed class InMemoryTerminalStatusStoreTests : TerminalStatusStoreConformanceTests
{
    protected override Task<ITerminalStatusStore> CreateStoreAsync() => Task.FromResult<ITerminalStatusStore>(new InMemoryTerminalStatusStore());
}

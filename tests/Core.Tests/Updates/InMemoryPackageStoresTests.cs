using PosFleet.Testing.Updates;
using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>The in-memory package store passes the conformance suite.</summary>
public sealed class InMemoryPackageStoreTests : PackageStoreConformanceTests
{
    protected override Task<IPackageStore> CreateStoreAsync() => Task.FromResult<IPackageStore>(new InMemoryPackageStore());
}

/// <summary>The in-memory terminal package state passes the conformance suite.</summary>
public sealed class InMemoryTerminalPackageStateStoreTests : TerminalPackageStateStoreConformanceTests
{
    protected override Task<ITerminalPackageStateStore> CreateStoreAsync() => Task.FromResult<ITerminalPackageStateStore>(new InMemoryTerminalPackageStateStore());
}

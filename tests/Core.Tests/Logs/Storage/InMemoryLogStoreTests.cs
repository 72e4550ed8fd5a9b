using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Tests.Logs.Storage;

public sealed class InMemoryLogStoreTests : LogStoreConformanceTests
{
    protected override ValueTask<ILogStore> CreateStoreAsync() => ValueTask.FromResult<ILogStore>(new InMemoryLogStore());
}

using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Retention;

/// <summary>An in-memory store whose next delete fails when asked to, as a store that is briefly unreachable would.</summary>
internal sealed class FailingOnceLogStore() : ForwardingLogStore(new InMemoryLogStore())
{
    public bool FailNext { get; set; }

    public int Deletes { get; private set; }

    public override ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        Deletes++;
        if (FailNext)
        {
            FailNext = false;
            throw new PosFleetStorageException("The store 'fleet.db' is busy.");
        }

        return base.DeleteOlderThanAsync(olderThan, cancellationToken);
    }
}

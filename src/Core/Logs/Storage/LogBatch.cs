namespace PosFleet.Logs.Storage;

/// <summary>
/// A batch to append: entries of one source, in line order, and the checkpoint they reach. The source's stored
/// checkpoint makes appends idempotent: entries of its generation at or before its line are stored already and are
/// skipped, and a batch of an older generation, or behind the stored checkpoint, stores nothing and leaves the
/// checkpoint where it is.
/// </summary>
/// <param name="Entries">The entries, in line order; their <see cref="LogEntry.Position"/> names the checkpoint's source.</param>
/// <param name="Checkpoint">The source's checkpoint after these entries.</param>
public sealed record LogBatch(IReadOnlyList<LogEntry> Entries, IngestCheckpoint Checkpoint);

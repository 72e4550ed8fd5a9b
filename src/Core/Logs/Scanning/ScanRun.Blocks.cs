using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>How a mapped file is cut into blocks for the cores that read it.</content>
internal sealed partial class ScanRun
{
    private const int MinBlock = 1 << 20;
    private const int MaxBlock = 16 << 20;

    private long BlockSize(long length)
    {
        if (plan.Options.BlockSize > 0)
        {
            return plan.Options.BlockSize;
        }

        // Enough blocks per core that the last one to finish does not leave the others idle for long; small enough
        // that a block's merge-free bookkeeping stays negligible, large enough that there are few of them.
        var perCore = length / (Math.Max(1, plan.Options.MaxDegreeOfParallelism) * 16L);
        return Math.Clamp(perCore, MinBlock, MaxBlock);
    }

    /// <summary>How many cores read a mapped file's blocks: one where entries are handed over, in input order.</summary>
    private int Readers => plan.OnEntry is not null ? 1 : Math.Max(1, plan.Options.MaxDegreeOfParallelism);

    /// <summary>
    /// The size of the blocks at the end of an input, where each core takes one of the last: a quarter of the others, so
    /// that the core that takes the last block ends a few milliseconds after the others, not a whole block's time. The
    /// same size as the others where the block size is set (<see cref="LogScanOptions.BlockSize"/>) or one core reads.
    /// </summary>
    private long TailBlockSize(long length)
    {
        var size = BlockSize(length);
        return plan.Options.BlockSize > 0 || Readers == 1 ? size : Math.Max(MinBlock, size / 4);
    }

    /// <summary>
    /// Cuts an input into blocks of whole entries: of <paramref name="blockSize"/> bytes each, each cut moved to the start
    /// of the next entry, while a block of that size ends before the last <c>cores × blockSize</c> bytes; of
    /// <paramref name="tailBlockSize"/> bytes from there to the end (so the small blocks hold those last bytes, less at most
    /// the last full block's overrun of one entry, and up to one block more).
    /// </summary>
    /// <param name="cores">How many cores read the blocks.</param>
    internal static unsafe List<(long Start, int Count)> Split(byte* data, long length, long blockSize, long tailBlockSize, int cores, ContinuationRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tailBlockSize);
        var blocks = new List<(long, int)>();
        var tailFrom = length - (blockSize * Math.Max(1, cores));
        long start = 0;
        while (start < length)
        {
            var end = Math.Min(length, start + (start + blockSize <= tailFrom ? blockSize : tailBlockSize));
            if (end < length)
            {
                // Move the cut to just after the next newline, so that every block holds whole lines.
                var tail = new ReadOnlySpan<byte>(data + end, (int)Math.Min(length - end, int.MaxValue));
                var nl = tail.IndexOf((byte)'\n');
                end = nl < 0 ? length : end + nl + 1;

                // Past the continuation lines of the entry above (a stack trace): a block starts with an entry's first line.
                while (end < length)
                {
                    var next = new ReadOnlySpan<byte>(data + end, (int)Math.Min(length - end, 256));
                    if (!ContinuationLine.Continues(next, rule))
                    {
                        break;
                    }

                    var rest = new ReadOnlySpan<byte>(data + end, (int)Math.Min(length - end, int.MaxValue));
                    nl = rest.IndexOf((byte)'\n');
                    end = nl < 0 ? length : end + nl + 1;
                }
            }

            blocks.Add((start, checked((int)(end - start))));
            start = end;
        }

        return blocks;
    }
}

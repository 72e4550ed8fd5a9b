using System.Runtime.InteropServices;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Tells the kernel how a memory-mapped input is about to be read, and when a part of it has been. Without a hint, the
/// pages of a mapped file are mapped a few at a time as they are first touched, and the processor's prefetch stops at
/// every page not yet mapped; asking for a block's pages in one call (Linux 5.14+) keeps the scan fed. A block read is
/// let go by the worker that read it, rather than with the whole file by one thread at the end. Only hints: where they
/// are not supported, nothing changes.
/// </summary>
internal static partial class MemoryHints
{
    private const int MadvSequential = 2;
    private const int MadvDontNeed = 4;
    private const int MadvPopulateRead = 22;

    private static bool _populateUnsupported;

    /// <summary>Maps the pages of <c>[start, start + length)</c> before they are read, and marks them for sequential reading.</summary>
    public static unsafe void WillReadSequentially(byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var page = (nuint)Environment.SystemPageSize;
        var first = (nuint)start & ~(page - 1);
        var size = (nuint)(start + length) - first;
        _ = Madvise((void*)first, size, MadvSequential);
        if (!_populateUnsupported && Madvise((void*)first, size, MadvPopulateRead) != 0)
        {
            // EINVAL on kernels before 5.14: do not ask again.
            _populateUnsupported = true;
        }
    }

    /// <summary>
    /// Lets go of the pages wholly inside <c>[start, start + length)</c>, read and no longer needed: their entries in the
    /// process's page tables are dropped now, by the worker that read them, rather than all at once by the single thread
    /// that unmaps the file at the end of the scan. The file's pages stay in the page cache, and a page read again is
    /// mapped again from there; the pages a block shares with its neighbours (its first and last) are kept.
    /// </summary>
    public static unsafe void DoneReading(byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var page = (nuint)Environment.SystemPageSize;
        var first = ((nuint)start + page - 1) & ~(page - 1);
        var end = (nuint)(start + length) & ~(page - 1);
        if (end > first)
        {
            _ = Madvise((void*)first, end - first, MadvDontNeed);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);
}

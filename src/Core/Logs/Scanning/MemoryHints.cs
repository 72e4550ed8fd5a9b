using System.Runtime.InteropServices;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Tells the kernel how a memory-mapped input is about to be read. Without a hint, the pages of a mapped file are mapped
/// a few at a time as they are first touched, and the processor's prefetch stops at every page not yet mapped; asking for
/// a block's pages in one call (Linux 5.14+) keeps the scan fed. Only hints: where they are not supported, nothing
/// changes.
/// <list type="bullet">
/// <item>Sequential reading is declared once, for the whole mapping (<see cref="WillReadInOrder"/>), never a block at a
/// time: that hint changes the mapping's own flags, so given for a part of it, it splits that part off the mapping (until
/// the marked parts meet again), with the process's mappings locked for writing, while the other workers wait to map
/// their own pages. Given per block, it cost a whole-file scan of 1 GiB about 9 % of its time with the file held in huge
/// pages by the page cache, nothing measurable with 4 KiB pages.</item>
/// <item>The pages read are not let go block by block: each such call drops their page-table entries and has the other
/// cores running the process forget them, which cost more than the single unmapping of the whole file at the end,
/// whether the page cache held the file in huge pages or in 4 KiB ones. So the file's pages stay
/// mapped, and are counted in the process's resident memory, until the scan of the file ends: about as much as the
/// file. They are the page cache's; a file on disk is clean there, and the kernel may take its pages back.</item>
/// </list>
/// (benchmarks/README.md, "the sequential hint once per mapping".)
/// </summary>
internal static partial class MemoryHints
{
    private const int MadvSequential = 2;
    private const int MadvPopulateRead = 22;

    /// <summary>
    /// What <c>madvise</c> answers for an advice the kernel does not know (<c>MADV_POPULATE_READ</c> before Linux 5.14), or
    /// for a mapping it cannot fill (device memory; never a regular file's, the only ones mapped).
    /// </summary>
    private const int EInval = 22;

    private static bool _populateUnsupported;

    /// <summary>
    /// Marks the mapping <c>[start, start + length)</c>, whole, as read from its start to its end: the kernel then reads
    /// ahead of the pages not yet in its cache, and drops those read sooner when memory runs short.
    /// </summary>
    public static unsafe void WillReadInOrder(byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var (first, size) = Pages(start, length);
        _ = Madvise((void*)first, size, MadvSequential);
    }

    /// <summary>Maps the pages of <c>[start, start + length)</c>, a part of a mapping, before they are read.</summary>
    public static unsafe void WillRead(byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0 || _populateUnsupported)
        {
            return;
        }

        // A kernel that does not know the advice is not asked again; any other failure (no memory for the page tables
        // just now, a signal) leaves the next block's call as it was.
        var (first, size) = Pages(start, length);
        if (Madvise((void*)first, size, MadvPopulateRead) != 0 && Marshal.GetLastPInvokeError() == EInval)
        {
            _populateUnsupported = true;
        }
    }

    /// <summary>
    /// Where the pages that hold <c>[start, start + length)</c> start, and how many bytes from there to the range's end
    /// (<c>madvise</c> rounds that up to whole pages).
    /// </summary>
    private static unsafe (nuint First, nuint Size) Pages(byte* start, long length)
    {
        var page = (nuint)Environment.SystemPageSize;
        var first = (nuint)start & ~(page - 1);
        return (first, (nuint)(start + length) - first);
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);
}

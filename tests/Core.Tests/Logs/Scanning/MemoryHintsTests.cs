using System.Globalization;
using System.IO.MemoryMappedFiles;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The hints a mapped scan gives the kernel, seen in the process's own mappings (<c>/proc/self/smaps</c>): the mapping is
/// never split by them (a split locks every mapping of the process for writing while the workers map their pages). The
/// pages asked for need Linux 5.14 or later (<c>MADV_POPULATE_READ</c>), as on every machine the tests run on.
/// </summary>
public sealed class MemoryHintsTests : IDisposable
{
    private const int Pages = 64;

    private static readonly int Page = Environment.SystemPageSize;

    private readonly TempDirectory _dir = new();

    /// <summary>What a test does with the mapping: <paramref name="data"/> is its first byte.</summary>
    private unsafe delegate void MappedUse(byte* data);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public unsafe void WillRead_APartOfAMapping_MapsItsPagesWithoutMarkingOrSplittingIt()
    {
        Assert.True(OperatingSystem.IsLinux(), "the hints are Linux's (madvise); the scan runs its tests on Linux");
        WithMapping(data =>
        {
            var before = MappingAt(data);
            Assert.Equal(0, before.RssKiB);
            Assert.DoesNotContain("sr", before.Flags);

            // The pages of one block (pages 16 to 31), never read here.
            MemoryHints.WillRead(data + (16 * Page) + 100, (16 * Page) - 200);

            var after = MappingAt(data);
            Assert.Equal((before.Start, (ulong)Pages * (ulong)Page), (after.Start, after.End - after.Start));
            Assert.DoesNotContain("sr", after.Flags);
            Assert.InRange(after.RssKiB, 16L * Page / 1024, (long)Pages * Page / 1024);
        });
    }

    [Fact]
    public unsafe void WillReadInOrder_TheWholeMapping_MarksItAndLeavesOneMapping()
    {
        Assert.True(OperatingSystem.IsLinux(), "the hints are Linux's (madvise); the scan runs its tests on Linux");
        WithMapping(data =>
        {
            var before = MappingAt(data);
            Assert.DoesNotContain("sr", before.Flags);

            // From the mapping's first byte, for a length that ends inside the last page, as a file's usually does.
            MemoryHints.WillReadInOrder(data, ((long)Pages * Page) - 1);

            // "sr": sequential reading advised (VM_SEQ_READ), on the same single mapping.
            var after = MappingAt(data);
            Assert.Equal((before.Start, before.End), (after.Start, after.End));
            Assert.Equal((ulong)Pages * (ulong)Page, after.End - after.Start);
            Assert.Contains("sr", after.Flags);
        });
    }

    [Fact]
    public unsafe void WillRead_AfterAFailureOtherThanAnUnknownAdvice_StillMapsPages()
    {
        Assert.True(OperatingSystem.IsLinux(), "the hints are Linux's (madvise); the scan runs its tests on Linux");

        // The second page of the address space is never mapped (below vm.mmap_min_addr): the kernel answers ENOMEM, not
        // EINVAL, and the hint must not be given up for the files that follow.
        MemoryHints.WillRead((byte*)Page, 1);

        WithMapping(data =>
        {
            MemoryHints.WillRead(data, Page);
            Assert.InRange(MappingAt(data).RssKiB, Page / 1024, (long)Pages * Page / 1024);
        });
    }

    /// <summary>Maps a file of <see cref="Pages"/> pages (the last byte a newline), and hands its first byte over.</summary>
    private unsafe void WithMapping(MappedUse use)
    {
        var path = _dir.File("mapped.log", new string('x', (Page * Pages) - 1) + "\n");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, file.Length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        try
        {
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            use(pointer + view.PointerOffset);
        }
        finally
        {
            if (pointer != null)
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }
    }

    /// <summary>The process's mapping that holds <paramref name="address"/>, as <c>/proc/self/smaps</c> lists it.</summary>
    private static unsafe Mapping MappingAt(byte* data)
    {
        var address = (ulong)data;
        Mapping? found = null;
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var range = fields.Length > 0 ? fields[0].Split('-') : [];
            if (range.Length == 2 && !fields[0].EndsWith(':')
                && ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inside = start <= address && address < end;
                if (inside)
                {
                    found = new Mapping(start, end);
                }
            }
            else if (inside && fields.Length >= 2)
            {
                switch (fields[0])
                {
                    case "Rss:":
                        found!.RssKiB = long.Parse(fields[1], CultureInfo.InvariantCulture);
                        break;
                    case "VmFlags:":
                        found!.Flags = fields[1..];
                        break;
                }
            }
        }

        return found ?? throw new InvalidOperationException($"No mapping holds 0x{address:x} in /proc/self/smaps.");
    }

    private sealed class Mapping(ulong start, ulong end)
    {
        public ulong Start { get; } = start;

        public ulong End { get; } = end;

        public long RssKiB { get; set; }

        public string[] Flags { get; set; } = [];
    }
}

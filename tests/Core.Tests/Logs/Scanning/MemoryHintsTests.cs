using System.IO.MemoryMappedFiles;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The hints a mapped scan gives the kernel, seen in the process's own mappings (<c>/proc/self/smaps</c>): the mapping is
/// never split by them (a split locks every mapping of the process for writing while the workers map their pages).
/// </summary>
public sealed class MemoryHintsTests : IDisposable
{
    private const int Page = 4096;
    private const int Pages = 64;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public unsafe void Hints_OnAPartAndOnTheWholeMapping_MapThePart_MarkTheWhole_LeaveOneMapping()
    {
        Assert.True(OperatingSystem.IsLinux(), "the hints are Linux's (madvise); the scan runs its tests on Linux");
        Assert.Equal(Page, Environment.SystemPageSize);
        var path = _dir.File("mapped.log", new string('x', (Page * Pages) - 1) + "\n");

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, file.Length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            var data = pointer + view.PointerOffset;
            var before = Assert.Single(Mappings(path));
            Assert.DoesNotContain("sr", before.Flags);

            // The pages of one block (pages 16 to 31), never read here: mapped (resident in the mapping), and the mapping
            // neither split nor marked.
            MemoryHints.WillRead(data + (16 * Page) + 100, (16 * Page) - 200);
            var part = Assert.Single(Mappings(path));
            Assert.DoesNotContain("sr", part.Flags);
            Assert.InRange(part.RssKiB, 16 * Page / 1024, Pages * Page / 1024);

            // The whole mapping marked for sequential reading ("sr", VM_SEQ_READ), still one mapping.
            MemoryHints.WillReadInOrder(data, file.Length);
            var whole = Assert.Single(Mappings(path));
            Assert.Contains("sr", whole.Flags);
            Assert.Equal((before.Start, Pages * Page / 1024L), (whole.Start, whole.SizeKiB));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    [Fact]
    public unsafe void Hints_OnNothing_DoNothing()
    {
        // A zero length asks for nothing: no call that the kernel would refuse, no exception.
        MemoryHints.WillReadInOrder(null, 0);
        MemoryHints.WillRead(null, 0);
    }

    /// <summary>The process's mappings of <paramref name="path"/>, as <c>/proc/self/smaps</c> lists them.</summary>
    private static List<Mapping> Mappings(string path)
    {
        var full = Path.GetFullPath(path);
        var found = new List<Mapping>();
        Mapping? current = null;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
            {
                current = fields.Length >= 6 && string.Join(' ', fields[5..]) == full
                    ? new Mapping(Convert.ToUInt64(fields[0].Split('-')[0], 16))
                    : null;
                if (current is not null)
                {
                    found.Add(current);
                }
            }
            else if (current is not null && fields.Length >= 2)
            {
                switch (fields[0])
                {
                    case "Size:":
                        current.SizeKiB = long.Parse(fields[1]);
                        break;
                    case "Rss:":
                        current.RssKiB = long.Parse(fields[1]);
                        break;
                    case "VmFlags:":
                        current.Flags = fields[1..];
                        break;
                }
            }
        }

        return found;
    }

    private sealed class Mapping(ulong start)
    {
        public ulong Start { get; } = start;

        public long SizeKiB { get; set; }

        public long RssKiB { get; set; }

        public string[] Flags { get; set; } = [];
    }
}

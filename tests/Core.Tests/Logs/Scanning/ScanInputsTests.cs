using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The one walk of the inputs that scan and ingest share, on real directories with real symbolic links and FIFOs. Every
/// walk runs under a time limit: a walk that loops or blocks fails the test instead of holding up the run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScanInputsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private readonly List<SourceError> _errors = [];
    private readonly List<SkippedSource> _skipped = [];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Resolve_DirectoryWithALinkToItself_ReadsTheFileOnceAndReportsTheLoop()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        var log = _dir.File("DIR/a.log", "x\n");
        File.CreateSymbolicLink(Path.Combine(root, "self"), "../DIR");

        var inputs = await ResolveAsync(root);

        Assert.Equal([log], inputs.Select(i => i.Name));
        Assert.Equal([new SkippedSource(Path.Combine(root, "self"), $"symlink loop (back to '{root}')")], _skipped);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Resolve_TwoLoopsAndALinkToTheParent_FinishesWithEachFileOnce()
    {
        // Two links back up the tree: walked by path, each level doubles the paths and the walk never ends.
        var root = Path.Combine(_dir.Path, "DIR");
        var a = _dir.File("DIR/a.log", "x\n");
        var b = _dir.File("DIR/sub/b.log", "y\n");
        File.CreateSymbolicLink(Path.Combine(root, "self"), "../DIR");
        File.CreateSymbolicLink(Path.Combine(root, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "sub", "top"), _dir.Path);

        var inputs = await ResolveAsync(root);

        Assert.Equal([a, b], inputs.Select(i => i.Name));
        // sub/top leads out of the tree, and is followed: back in it, DIR is the loop.
        Assert.Equal(
            [Path.Combine(root, "self"), Path.Combine(root, "sub", "top", "DIR"), Path.Combine(root, "sub", "up")],
            _skipped.Select(s => s.Source));
        Assert.All(_skipped, s => Assert.StartsWith("symlink loop", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_LinksToFilesInsideAndOutsideTheTree_FollowedAndEachFileReadOnce()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        var a = _dir.File("DIR/a.log", "x\n");
        var outside = _dir.File("elsewhere/till.log", "y\n");
        File.CreateSymbolicLink(Path.Combine(root, "b.log"), "a.log");
        File.CreateSymbolicLink(Path.Combine(root, "c.log"), outside);
        Directory.CreateSymbolicLink(Path.Combine(root, "copy"), root + "/../DIR");

        var inputs = await ResolveAsync(root, outside);

        Assert.Equal([a, Path.Combine(root, "c.log")], inputs.Select(i => i.Name));
        Assert.Equal(2, inputs[1].Length); // the length of the file linked to, not of the link
        Assert.Contains(new SkippedSource(Path.Combine(root, "b.log"), $"already read as '{a}'"), _skipped);
        Assert.Contains(new SkippedSource(outside, $"already read as '{Path.Combine(root, "c.log")}'"), _skipped);
        Assert.Contains(_skipped, s => s.Source == Path.Combine(root, "copy") && s.Reason.StartsWith("symlink loop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_OneDirectoryGivenTwiceUnderTwoNames_WalkedOnce()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        var a = _dir.File("DIR/a.log", "x\n");
        var alias = Path.Combine(_dir.Path, "alias");
        Directory.CreateSymbolicLink(alias, root);

        var inputs = await ResolveAsync(root, alias);

        Assert.Equal([a], inputs.Select(i => i.Name));
        Assert.Equal([new SkippedSource(alias, $"already read as '{root}'")], _skipped);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Resolve_FifoWithoutWriterInADirectory_SkippedWithANoteNeverOpened()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        var a = _dir.File("DIR/a.log", "x\n");
        var fifo = TestFiles.Fifo(Path.Combine(root, "pipe.log"));
        TestFiles.Fifo(Path.Combine(root, "not-matching.txt"));

        var inputs = await ResolveAsync(root);

        Assert.Equal([a], inputs.Select(i => i.Name));
        Assert.Equal([new SkippedSource(fifo, "a FIFO (named pipe), not a regular file")], _skipped);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Resolve_FifoNamedOnTheCommandLine_AnErrorNamingIt()
    {
        var fifo = TestFiles.Fifo(Path.Combine(_dir.Path, "fifo.log"));

        var inputs = await ResolveAsync(fifo);

        Assert.Empty(inputs);
        var error = Assert.Single(_errors);
        Assert.Equal(fifo, error.Source);
        Assert.Contains("it is a FIFO (named pipe), not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_DanglingLinkInADirectory_SkippedAsBroken()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        _dir.File("DIR/a.log", "x\n");
        File.CreateSymbolicLink(Path.Combine(root, "gone.log"), "nowhere.log");

        await ResolveAsync(root);

        Assert.Equal([new SkippedSource(Path.Combine(root, "gone.log"), "broken symlink")], _skipped);
    }

    [Fact]
    public async Task OpenRegular_FifoWithoutWriter_RefusedAtOnceInsteadOfWaiting()
    {
        // What a FIFO put where a file was listed meets: the open never waits for a writer.
        var fifo = TestFiles.Fifo(Path.Combine(_dir.Path, "swapped.log"));

        var ex = await Assert.ThrowsAsync<IOException>(() => Task.Run(() => FileIdentity.OpenRegular(fifo, 1).Dispose()).WaitAsync(Limit));

        Assert.Contains("FIFO", ex.Message, StringComparison.Ordinal);
    }

    private async Task<List<ScanInput>> ResolveAsync(params string[] paths) =>
        await Task.Run(() => ScanInputs.Resolve(paths, "*.log", _errors, _skipped)).WaitAsync(Limit);
}

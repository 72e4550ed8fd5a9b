using System.IO.Enumeration;
using PosFleet.Logs.Ingest;

namespace PosFleet.Logs.Scanning;

/// <summary>One input to read: a file, or standard input.</summary>
/// <param name="Name">The path as given (or found in a directory), <c>-</c> for standard input.</param>
/// <param name="Length">Its size in bytes, 0 for standard input.</param>
internal sealed record ScanInput(string Name, long Length)
{
    public bool IsStandardInput => Name == "-";
}

/// <summary>
/// Turns the paths a user gave into the inputs to read, for scan and ingest alike. Files and directories are known by
/// what they are (device and inode), not by the path they were reached through: a directory is walked once and a file
/// read once however many links lead to them, a link back to a directory being walked ends there, and FIFOs, sockets and
/// devices are never opened. What is left out is said, with why.
/// </summary>
internal sealed class ScanInputs
{
    private const string SymlinkLoop = "symlink loop";

    private readonly string _glob;
    private readonly List<SourceError> _errors;
    private readonly List<SkippedSource> _skipped;
    private readonly List<ScanInput> _inputs = [];

    /// <summary>Every directory and file taken so far, by identity, with the path it was taken at.</summary>
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>The directories being walked, from the input down, by identity.</summary>
    private readonly Dictionary<string, string> _walking = new(StringComparer.Ordinal);

    private ScanInputs(string glob, List<SourceError> errors, List<SkippedSource> skipped) => (_glob, _errors, _skipped) = (glob, errors, skipped);

    public static List<ScanInput> Resolve(IReadOnlyList<string> paths, string glob, List<SourceError> errors, List<SkippedSource> skipped)
    {
        var walk = new ScanInputs(glob, errors, skipped);
        foreach (var path in paths)
        {
            walk.Add(path);
        }

        return walk._inputs;
    }

    private void Add(string path)
    {
        if (path == "-")
        {
            _inputs.Add(new ScanInput("-", 0));
            return;
        }

        if (FileIdentity.Stat(path) is not { } node)
        {
            AddPattern(path);
            return;
        }

        switch (node.Kind)
        {
            case FileNodeKind.Directory:
                var before = _inputs.Count;
                var skippedBefore = _skipped.Count;
                Walk(path, node);
                if (_inputs.Count == before && _skipped.Count == skippedBefore)
                {
                    _errors.Add(new SourceError(path, $"The directory '{path}' holds no file matching '{_glob}'."));
                }

                // Read in path order, as listed, whatever order the walk found them in.
                _inputs.Sort(before, _inputs.Count - before, Comparer<ScanInput>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
                break;
            case FileNodeKind.Regular:
                TakeFile(path, node);
                break;
            default:
                // Named on purpose, so an error rather than a note; to read a pipe, give it on standard input.
                _errors.Add(new SourceError(path, $"The file '{path}' is not read: {FileIdentity.NotRegular(node.Kind)} (to scan what a pipe carries, give it on standard input: posfleet scan - < '{path}')."));
                break;
        }
    }

    private void AddPattern(string path)
    {
        if (Path.GetFileName(path) is { } pattern && pattern.AsSpan().IndexOfAny('*', '?') >= 0
            && Path.GetDirectoryName(path) is var parent && Directory.Exists(string.IsNullOrEmpty(parent) ? "." : parent))
        {
            // A file-name pattern (/var/log/pos/till-*.log): the matching files of that directory, looked up at each
            // read, so that a followed pattern picks up the files created since.
            var before = _inputs.Count;
            var skippedBefore = _skipped.Count;
            foreach (var file in List(string.IsNullOrEmpty(parent) ? "." : parent).Where(f => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(f))))
            {
                if (FileIdentity.Stat(file) is { } node && node.Kind != FileNodeKind.Directory)
                {
                    TakeFile(file, node);
                }
            }

            if (_inputs.Count == before && _skipped.Count == skippedBefore)
            {
                _errors.Add(new SourceError(path, $"No file matches '{path}'."));
            }

            return;
        }

        _errors.Add(new SourceError(path, IsLink(path)
            ? $"The file '{path}' is a symbolic link to nothing that exists (or to itself)."
            : $"The file '{path}' does not exist."));
    }

    private void Walk(string directory, FileNode node)
    {
        if (_walking.TryGetValue(node.Key, out var ancestor))
        {
            _skipped.Add(new SkippedSource(directory, $"{SymlinkLoop} (back to '{ancestor}')"));
            return;
        }

        if (!_seen.TryAdd(node.Key, directory))
        {
            _skipped.Add(new SkippedSource(directory, $"already read as '{_seen[node.Key]}'"));
            return;
        }

        _walking.Add(node.Key, directory);
        try
        {
            foreach (var entry in List(directory))
            {
                if (FileIdentity.Stat(entry) is not { } child)
                {
                    if (IsLink(entry) && Matches(entry))
                    {
                        _skipped.Add(new SkippedSource(entry, "broken symlink"));
                    }

                    continue; // or removed since it was listed
                }

                if (child.Kind == FileNodeKind.Directory)
                {
                    Walk(entry, child);
                }
                else if (Matches(entry))
                {
                    TakeFile(entry, child);
                }
            }
        }
        finally
        {
            _walking.Remove(node.Key);
        }
    }

    private void TakeFile(string path, FileNode node)
    {
        if (node.Kind != FileNodeKind.Regular)
        {
            // Never opened: a FIFO without a writer would wait for one for good, a device may never end.
            _skipped.Add(new SkippedSource(path, $"{FileIdentity.Describe(node.Kind)}, not a regular file"));
        }
        else if (!_seen.TryAdd(node.Key, path))
        {
            _skipped.Add(new SkippedSource(path, $"already read as '{_seen[node.Key]}'"));
        }
        else
        {
            _inputs.Add(new ScanInput(path, node.Length));
        }
    }

    private bool Matches(string path) => FileSystemName.MatchesSimpleExpression(_glob, Path.GetFileName(path));

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A directory's entries in name order, one level; what cannot be listed is left out.</summary>
    private static List<string> List(string directory)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { IgnoreInaccessible = true }).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

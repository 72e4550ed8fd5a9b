using System.IO.Enumeration;

namespace PosFleet.Logs.Scanning;

/// <summary>One input to read: a file, or standard input.</summary>
/// <param name="Name">The path as given (or found in a directory), <c>-</c> for standard input.</param>
/// <param name="Length">Its size in bytes, 0 for standard input.</param>
internal sealed record ScanInput(string Name, long Length)
{
    public bool IsStandardInput => Name == "-";

    public bool IsCompressed => Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Turns the paths a user gave into the inputs to read.</summary>
internal static class ScanInputs
{
    public static List<ScanInput> Resolve(IReadOnlyList<string> paths, string glob, List<SourceError> errors)
    {
        var inputs = new List<ScanInput>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                inputs.Add(new ScanInput("-", 0));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => FileSystemName.MatchesSimpleExpression(glob, Path.GetFileName(f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    errors.Add(new SourceError(path, $"The directory '{path}' holds no file matching '{glob}'."));
                }

                inputs.AddRange(files.Select(f => new ScanInput(f, LengthOf(f))));
            }
            else if (File.Exists(path))
            {
                inputs.Add(new ScanInput(path, LengthOf(path)));
            }
            else if (Path.GetFileName(path) is { } pattern && pattern.AsSpan().IndexOfAny('*', '?') >= 0
                     && Path.GetDirectoryName(path) is var parent && Directory.Exists(string.IsNullOrEmpty(parent) ? "." : parent))
            {
                // A file-name pattern (/var/log/pos/till-*.log): the matching files of that directory, looked up at each
                // read, so that a followed pattern picks up the files created since.
                var files = Directory.EnumerateFiles(string.IsNullOrEmpty(parent) ? "." : parent, "*", new EnumerationOptions { IgnoreInaccessible = true })
                    .Where(f => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    errors.Add(new SourceError(path, $"No file matches '{path}'."));
                }

                inputs.AddRange(files.Select(f => new ScanInput(f, LengthOf(f))));
            }
            else
            {
                errors.Add(new SourceError(path, $"The file '{path}' does not exist."));
            }
        }

        return inputs;
    }

    // A file can rotate away between listing and reading: its size is then 0, and reading it reports it by name.
    private static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

namespace PosFleet.Fuzz;

/// <summary>The corpus kept in <c>benchmarks/Fuzz/corpus/</c>: one folder per target, every file an input but the notices beside them.</summary>
internal static class FuzzCorpus
{
    private static readonly string[] Notices = ["README", "LICENSE", "CITATION"];

    /// <summary>The inputs under <paramref name="directory"/> (recursively), in ordinal order of their paths.</summary>
    public static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !Notices.Any(n => Path.GetFileName(f).StartsWith(n, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)
            : [];
}

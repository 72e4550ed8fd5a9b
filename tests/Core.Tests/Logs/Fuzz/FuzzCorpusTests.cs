using PosFleet.Fuzz;

namespace PosFleet.Tests.Logs.Fuzz;

/// <summary>
/// Every input of the fuzz corpus (benchmarks/Fuzz/corpus: the seeds, and every input the fuzzer found failing, kept
/// after the fix) run through the fuzz targets' invariants, so that each run of the tests replays them.
/// </summary>
public sealed class FuzzCorpusTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");

    private readonly TempDirectory _dir = new();

    public static TheoryData<string> LineInputs => [.. Inputs("lines")];

    public static TheoryData<string> RulesInputs => [.. Inputs("rules")];

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(LineInputs))]
    public void LineReaders_CorpusInput_HoldEveryInvariant(string input) =>
        LineTarget.Check(File.ReadAllBytes(Path.Combine(Corpus, "lines", input)), _dir.Path);

    [Theory]
    [MemberData(nameof(RulesInputs))]
    public void RulesLoader_CorpusInput_HoldsEveryInvariant(string input) =>
        RulesTarget.Check(File.ReadAllBytes(Path.Combine(Corpus, "rules", input)), _dir.Path);

    [Fact]
    public void Corpus_CopiedBesideTheTests_HoldsSeedsFoundInputsAndTheLoghubLicence()
    {
        // An empty or missing copy would make the two theories above pass without running anything.
        var lines = Inputs("lines");
        Assert.True(lines.Count >= 30, $"{lines.Count} line inputs");
        Assert.True(Inputs("rules").Count >= 3, $"{Inputs("rules").Count} rules inputs");
        Assert.Contains("found/json-lone-surrogate-escape.log", lines);
        Assert.True(File.Exists(Path.Combine(Corpus, "lines", "loghub", "LICENSE")));
        Assert.True(File.Exists(Path.Combine(Corpus, "lines", "loghub", "CITATION")));
    }

    private static List<string> Inputs(string target)
    {
        var directory = Path.Combine(Corpus, target);
        return [.. FuzzCorpus.Files(directory).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))];
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class ScanWarmUpTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Methods_AreEveryLogReadingMethodMarkedAggressiveOptimization()
    {
        // A hot method of the log reading added to a type the warm-up does not name would be compiled on the scan's first
        // block again. Hot methods elsewhere (sync, digests) are not the scan's to compile.
        var marked = typeof(ScanWarmUp).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PosFleet.Logs", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(Declared))
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
            .Select(Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(marked, ScanWarmUp.Methods().Select(Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Methods_HoldTheLineLoopTheMarksAndThePerLineReaders()
    {
        var names = ScanWarmUp.Methods().Select(Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "BlockScanner.Scan", "BlockScanner.CountPlainLines", "BlockScanner.Select", "BlockScanner.TerminalOf", "LineSplitter.Fill",
                "KeywordMarker.Mark64", "KeywordMarker.Refine", "KeywordMarker.EndsKeyword", "KeywordMatcher.Compare",
                "KeywordMarker.MarkPadded", "MessageTail.TryParseWindow", "MessageTail.ParseEach", "TemplateShapeCache.ShapeOf",
                "TerminalCache.TryGet", "TerminalCache.Add", "LogClassifier.Classify",
                "BlockScanner.WithContinuation", "BlockScanner.CountContinuation", "GenericFormat.TryParse", "LevelWords.IsLevelWord",
            },
            names);
    }

    [Fact]
    public void Methods_AreNotGeneric_SoEachCanBeCompiledWithoutAnInstantiation()
    {
        Assert.All(ScanWarmUp.Methods(), m => Assert.False(m.ContainsGenericParameters, Name(m)));
    }

    [Fact]
    public async Task Start_CompilesEveryHotMethodAndReadsTheSampleOnce_AndASecondStartNothingMore()
    {
        // Start runs once per process: this is the only test of this assembly that calls it, so the counts are its own.
        Assert.True(RuntimeFeature.IsDynamicCodeCompiled);
        var count = ScanWarmUp.Methods().Count();
        var expected = Environment.ProcessorCount < 2 ? 0 : count;

        var rendered = 0;
        ScanWarmUp.Start(_ => Interlocked.Increment(ref rendered));
        ScanWarmUp.Start(_ => Interlocked.Increment(ref rendered));
        var waited = Stopwatch.StartNew();
        while (ScanWarmUp.Prepared < expected && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        // Once all are compiled, a second warm-up would count them again: none does.
        Assert.Equal(expected, ScanWarmUp.Prepared);

        // The sample is read and rendered once, after the hot methods (not at all where nothing is compiled).
        while (Volatile.Read(ref rendered) < (expected > 0 ? 1 : 0) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(expected, ScanWarmUp.Prepared);
        Assert.Equal(expected > 0 ? 1 : 0, Volatile.Read(ref rendered));
        Assert.False(ScanWarmUp.WillStart);
    }

    [Fact]
    public async Task ReadSample_SumsUpTheSampleAsAScanOfAFileOfItsBytes()
    {
        // Read in blocks by two scanners and merged, as two workers read a large file: the summary is the one a scan of the
        // same bytes from a file gives (read there in one block), but for the source's name.
        var directory = Directory.CreateTempSubdirectory("posfleet-warmup-");
        try
        {
            var path = Path.Combine(directory.FullName, "sample.log");
            await File.WriteAllBytesAsync(path, ScanWarmUp.Sample());
            var fromFile = await TestLogs.Scanner().ScanAsync([path], new LogScanFilter());

            var sample = ScanWarmUp.ReadSample(render: null, out var blocks);

            Assert.True(blocks >= 2, $"{blocks} block(s)");
            Assert.Equal(TestLogs.Describe(fromFile).Replace(path, ScanWarmUp.SampleName, StringComparison.Ordinal), TestLogs.Describe(sample));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadSample_HasEveryKindMoreTerminalsThanPickedByInsertionAStackTrace_AndHandsItsSummaryToTheRenderer()
    {
        LogScanSummary? rendered = null;

        var summary = ScanWarmUp.ReadSample(s => rendered = s);

        Assert.Same(summary, rendered);
        Assert.Equal(96 + 12, summary.Lines);
        Assert.Equal(96, summary.LinesInScope);
        Assert.Equal(0, summary.MalformedLines);
        Assert.All(LogScanFilter.AllKinds, kind => Assert.True(summary.Kinds.GetValueOrDefault(kind) > 0, kind.ToString()));
        Assert.True(summary.Terminals.Count > SpaceSaving<TerminalAggregate>.TopByInsertion, $"{summary.Terminals.Count} terminals");
        Assert.Contains(summary.Templates, t => t.Rule == "database-locked");
        Assert.Contains(summary.Templates, t => t.Example.Message.Contains("\n   at PosFleet.Orders.Route", StringComparison.Ordinal));
    }

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.Name}.{m.Name}";
}

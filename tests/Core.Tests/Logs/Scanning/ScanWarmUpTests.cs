using System.Reflection;
using System.Runtime.CompilerServices;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class ScanWarmUpTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Methods_AreEveryMethodOfTheAssemblyMarkedAggressiveOptimization()
    {
        // A hot method added to a type the warm-up does not name would be compiled on the scan's first block again.
        var marked = typeof(ScanWarmUp).Assembly.GetTypes()
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

        Assert.Subset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "BlockScanner.Scan", "BlockScanner.CountPlain", "BlockScanner.Select", "BlockScanner.TerminalOf", "LineSplitter.Fill",
                "KeywordMarker.Mark64", "KeywordMarker.Refine", "KeywordMarker.EndsKeyword", "KeywordMatcher.Compare",
                "MessageTail.TryParseWindow", "TemplateShapeCache.ShapeOf",
            },
            names);
    }

    [Fact]
    public void Methods_AreNotGeneric_SoEachCanBeCompiledWithoutAnInstantiation()
    {
        Assert.All(ScanWarmUp.Methods(), m => Assert.False(m.ContainsGenericParameters, Name(m)));
    }

    [Fact]
    public async Task Start_OnTheJit_CompilesEveryHotMethodOnAnotherThread()
    {
        Assert.True(RuntimeFeature.IsDynamicCodeCompiled);
        ScanWarmUp.Start();
        ScanWarmUp.Start();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ScanWarmUp.Prepared < ScanWarmUp.Methods().Count() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // Every method compiled once: a second Start queues nothing more, and none failed.
        Assert.Equal(ScanWarmUp.Methods().Count(), ScanWarmUp.Prepared);
        await Task.Delay(100);
        Assert.Equal(ScanWarmUp.Methods().Count(), ScanWarmUp.Prepared);
    }

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.Name}.{m.Name}";
}

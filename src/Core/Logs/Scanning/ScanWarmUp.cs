using System.Reflection;
using System.Runtime.CompilerServices;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Compiles the scan's hot methods (those marked <see cref="MethodImplOptions.AggressiveOptimization"/>: the line loop,
/// the newline and keyword marks, the selection of a line, the generic layout's line reader, the per-line readers of a
/// message, its level, its shape and its terminal, the classification) on a background thread, for a process that runs
/// on the JIT.
/// <para>
/// A command-line scan or ingest starts it; a scan of a large input before its command line is parsed
/// (<c>ScanCommand.WarmUpFrom</c>). Until the first block is read, its start (commands, dependency injection, options,
/// the classifier's tables) keeps one core busy for a quarter of a second or more, and the other waits. The hot methods are
/// compiled fully optimized on their first call, about 75 ms of CPU for the first eleven of them (benchmarks/README.md,
/// "the JIT build's start, a core that waited put to work"); started here, that work is done on the waiting core, and on
/// the machine measured it was over before the first block was read. A thread that calls one while it is still being
/// compiled waits for that compilation, as it would for its own.
/// </para>
/// <para>
/// Given a renderer, it then reads a sample of 96 entries as a scan reads a file, sums it up and hands the summary to
/// what the command does with one (<see cref="ReadSample(Action{LogScanSummary})"/>). A scan's end (the workers' parts merged, the summary's
/// templates and terminals sorted, the JSON or table written) otherwise compiles its methods and their generic code on
/// one core after the last block, the other idle: about 0.1 s of a whole-file scan on the JIT (benchmarks/README.md,
/// "the JIT build's end, compiled at the start", which also says how this differs from the rehearsal dropped on
/// 2026-12-02).
/// </para>
/// Nothing is done under NativeAOT (all code is compiled already), on a single core (there is no waiting core), or where
/// the runtime configuration sets <c>System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported</c> to false
/// (<see cref="RuntimeFeature.IsDynamicCodeCompiled"/> is then false even on the JIT; the copy of the tool the CLI tests
/// run has it, the packages the tool ships do not, and <c>benchmarks/scan-vs-rg.sh</c> checks that they do not).
/// </summary>
internal static partial class ScanWarmUp
{
    private static int _started;
    private static int _prepared;

    /// <summary>How many hot methods the warm-up has compiled so far (a method that could not be is not counted).</summary>
    internal static int Prepared => Volatile.Read(ref _prepared);

    /// <summary>Whether <see cref="Start"/> would start anything: on the JIT, with two cores or more, not started yet.</summary>
    public static bool WillStart =>
        RuntimeFeature.IsDynamicCodeCompiled && Environment.ProcessorCount >= 2 && Volatile.Read(ref _started) == 0;

    /// <summary>
    /// Starts compiling the hot methods on a background thread of its own, and then, given <paramref name="render"/>,
    /// reading a sample of 96 entries there as a scan reads a file and summing it up (<see cref="ReadSample(Action{LogScanSummary})"/>): once per
    /// process, on the JIT, with two cores or more.
    /// </summary>
    /// <param name="render">
    /// What the command does with a scan's summary (its table or JSON, written to nowhere here), so that the JIT compiles
    /// that too; <see langword="null"/> to read no sample: an ingest, a scan that emits lines instead of a summary, or a
    /// scan of less than a megabyte of input, where the sample was measured to cost more than it saves.
    /// </param>
    public static void Start(Action<LogScanSummary>? render = null)
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled || Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        // A thread of its own, not the pool's: the scan's blocks are the pool's work, and none of them waits behind this one.
        // A thread that cannot be started leaves the methods to their first call, as without this class.
        try
        {
            new Thread(() => Prepare(render)) { IsBackground = true, Name = "PosFleet scan warm-up" }.Start();
        }
        catch (Exception ex) when (ex is OutOfMemoryException or ThreadStartException)
        {
        }
    }

    /// <summary>The hot methods: those of the scan's types marked <see cref="MethodImplOptions.AggressiveOptimization"/>.</summary>
    internal static IEnumerable<MethodInfo> Methods()
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        // Each type named as typeof(...).GetMethods(...): the trimmer sees which methods are asked for. Format detection's
        // first: the main thread calls them before the first block.
        return typeof(GenericFormat).GetMethods(All)
            .Concat(typeof(LevelWords).GetMethods(All))
            .Concat(typeof(BlockScanner).GetMethods(All))
            .Concat(typeof(LineSplitter).GetMethods(All))
            .Concat(typeof(KeywordMarker).GetMethods(All))
            .Concat(typeof(KeywordMatcher).GetMethods(All))
            .Concat(typeof(MessageTail).GetMethods(All))
            .Concat(typeof(TemplateShapeCache).GetMethods(All))
            .Concat(typeof(TerminalCache).GetMethods(All))
            .Concat(typeof(LogClassifier).GetMethods(All))
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
    }

    private static void Prepare(Action<LogScanSummary>? render)
    {
        // Whatever the JIT or the reflection throws (a missing assembly, no memory), the method is compiled on its first call
        // instead, as without this class, and the scan reports what it meets there; the others are still compiled here. An
        // exception escaping this thread would end the process.
        try
        {
            foreach (var method in Methods())
            {
                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    Interlocked.Increment(ref _prepared);
                }
                catch (Exception)
                {
                }
            }

            if (render is not null)
            {
                ReadSample(render);
            }
        }
        catch (Exception)
        {
        }
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Compiles the scan's hot methods (those marked <see cref="MethodImplOptions.AggressiveOptimization"/>: the line loop,
/// the newline and keyword marks, the selection of a line) on a thread-pool thread, for a process that runs on the JIT.
/// <para>
/// A command-line scan starts with it. Until the first block is read, its start (commands, dependency injection, options,
/// the classifier's tables) keeps one core busy for a tenth of a second or more, and the other waits. The hot methods are
/// compiled fully optimized on their first call, tens of milliseconds for the line loop alone; started here, that work is
/// done on the waiting core, and the first block finds them compiled. A thread that calls one while it is still being
/// compiled waits for that compilation, as it would for its own.
/// </para>
/// Under NativeAOT all code is compiled already, and nothing is done.
/// </summary>
internal static class ScanWarmUp
{
    private static int _started;
    private static int _prepared;

    /// <summary>How many hot methods the warm-up has compiled so far (a method that could not be is not counted).</summary>
    internal static int Prepared => Volatile.Read(ref _prepared);

    /// <summary>Starts compiling the hot methods on a thread-pool thread; once per process, and only on the JIT.</summary>
    public static void Start()
    {
        if (!RuntimeFeature.IsDynamicCodeCompiled || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static _ => Prepare(), null);
    }

    /// <summary>The hot methods: those of the scan's types marked <see cref="MethodImplOptions.AggressiveOptimization"/>.</summary>
    internal static IEnumerable<MethodInfo> Methods()
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        // Each type named as typeof(...).GetMethods(...): the trimmer sees which methods are asked for.
        return typeof(BlockScanner).GetMethods(All)
            .Concat(typeof(LineSplitter).GetMethods(All))
            .Concat(typeof(KeywordMarker).GetMethods(All))
            .Concat(typeof(KeywordMatcher).GetMethods(All))
            .Concat(typeof(MessageTail).GetMethods(All))
            .Concat(typeof(TemplateShapeCache).GetMethods(All))
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
    }

    private static void Prepare()
    {
        foreach (var method in Methods())
        {
            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                Interlocked.Increment(ref _prepared);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or TypeLoadException)
            {
                // Compiled on its first call instead, as without this class.
            }
        }
    }
}

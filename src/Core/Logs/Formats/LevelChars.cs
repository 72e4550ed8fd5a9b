using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Formats;

/// <summary>
/// A level token widened to characters, to look it up in a set of strings (<see cref="LevelWords.IsLevelWord"/>,
/// <see cref="Classification.LevelTable.Lookup8"/>). A buffer on the stack without <c>stackalloc</c>: the JIT compiles a
/// method with a loop and a <c>stackalloc</c> fully optimized on its first call, several times the work of a first
/// compilation, and a scan meets a new level token at its start.
/// </summary>
[InlineArray(Length)]
internal struct LevelChars
{
    /// <summary>The longest token looked up.</summary>
    public const int Length = 16;

    private char _first;
}

using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Templates;

/// <summary>
/// The shape of a line, by which <see cref="TemplateShapeCache{TValue}"/> remembers what a scanner keeps: its message with
/// every digit read as <c>0</c>, then its level and component as they are (empty where only the message counts) and
/// their lengths, hashed.
/// </summary>
internal static class TemplateShapeCache
{
    /// <summary>The most shapes remembered per scanner.</summary>
    public const int Capacity = 4096;

    /// <summary>Longer messages are folded each time: their shapes rarely repeat, and masking them is no longer cheap.</summary>
    public const int MaxMessageLength = 256;

    /// <summary>The most bytes of level and component a shape takes besides its message: a line with more is not cached.</summary>
    public const int MaxLevelAndComponentLength = 64;

    /// <summary>
    /// The hash of <paramref name="message"/> with its digits masked, then <paramref name="level"/> and
    /// <paramref name="component"/> as they are, and their lengths (so that no two triples make the same bytes), written
    /// through <paramref name="masked"/>, which must hold them all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ulong ShapeOf(ReadOnlySpan<byte> message, ReadOnlySpan<byte> level, ReadOnlySpan<byte> component, Span<byte> masked)
    {
        Mask(message, masked);
        var n = message.Length;
        level.CopyTo(masked[n..]);
        n += level.Length;
        component.CopyTo(masked[n..]);
        n += component.Length;
        masked[n++] = (byte)level.Length;
        masked[n++] = (byte)component.Length;

        // 0 means "not cached": a shape that hashes to it is simply never remembered.
        return XxHash3.HashToUInt64(masked[..n]);
    }

    /// <summary>
    /// Writes <paramref name="message"/> to <paramref name="masked"/> with each digit made <c>0</c>, and nothing past it:
    /// 32 or 16 bytes at a time, the last step overlapping the one before where the length is not a multiple of the step
    /// (masking a byte twice writes the same byte, read from the message each time), so that no byte is left to a loop of
    /// its own; a message shorter than 16 bytes a byte at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Mask(ReadOnlySpan<byte> message, Span<byte> masked)
    {
        var n = message.Length;

        // One bounds check for the unchecked stores below.
        masked = masked[..n];
        ref var source = ref MemoryMarshal.GetReference(message);
        ref var target = ref MemoryMarshal.GetReference(masked);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 32)
        {
            for (; i + 32 <= n; i += 32)
            {
                Mask(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }

            if (i < n)
            {
                Mask(Vector256.LoadUnsafe(ref source, (nuint)(n - 32))).StoreUnsafe(ref target, (nuint)(n - 32));
            }

            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= 16)
        {
            for (; i + 16 <= n; i += 16)
            {
                Mask(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }

            if (i < n)
            {
                Mask(Vector128.LoadUnsafe(ref source, (nuint)(n - 16))).StoreUnsafe(ref target, (nuint)(n - 16));
            }

            return;
        }

        for (; i < n; i++)
        {
            var b = message[i];
            masked[i] = (uint)(b - '0') <= 9 ? (byte)'0' : b;
        }
    }

    /// <summary>Every digit of <paramref name="v"/> made <c>0</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Mask(Vector128<byte> v)
    {
        var zero = Vector128.Create((byte)'0');
        return Vector128.ConditionalSelect(Vector128.LessThan(v - zero, Vector128.Create((byte)10)), zero, v);
    }

    /// <summary>Every digit of <paramref name="v"/> made <c>0</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Mask(Vector256<byte> v)
    {
        var zero = Vector256.Create((byte)'0');
        return Vector256.ConditionalSelect(Vector256.LessThan(v - zero, Vector256.Create((byte)10)), zero, v);
    }
}

/// <summary>
/// Remembers what a scanner keeps per shape of line (a template's counters, how such lines are classified): by the shape
/// of their messages, or of their messages with their level and component. The templater tells digits apart from other
/// bytes but never one digit from another, and a template holds no digit, so two messages of one shape fold into one
/// template: a message whose shape was seen before costs a masked hash and one lookup instead of a fold and a lookup of
/// the template. Bounded: it stops adding at <see cref="TemplateShapeCache.Capacity"/> shapes, and stops looking once
/// it is full and misses more often than it hits (messages whose variable parts are not digits, such as GUIDs).
/// </summary>
/// <typeparam name="TValue">What is kept per shape.</typeparam>
internal sealed class TemplateShapeCache<TValue>
{
    // Open addressing over twice the capacity, by the shape's own bits (a hash already): a lookup is a load or two, where a
    // dictionary's is a bucket and an entry. Shape 0 marks an empty slot: it is never kept. The table is made at the first
    // shape kept (until then every lookup reads a shared empty one), so that a scan of a few lines does not make it.
    private const int Slots = TemplateShapeCache.Capacity * 2;

    private static readonly ulong[] NoShapes = new ulong[Slots];

    private ulong[] _shapes = NoShapes;
    private TValue[] _values = [];
    private int _count;
    private long _hits;
    private long _missesWhenFull;
    private bool _enabled = true;

    /// <summary>Looks the message's shape up, whatever the line's level and component.</summary>
    /// <param name="message">The message.</param>
    /// <param name="shape">Its shape's hash, for <see cref="Add"/> after a miss; 0 when the message is not cached at all.</param>
    /// <param name="value">What is kept for the shape, when found.</param>
    public bool TryGet(ReadOnlySpan<byte> message, out ulong shape, [MaybeNullWhen(false)] out TValue value) =>
        TryGet(message, default, default, out shape, out value);

    /// <summary>
    /// Looks up the shape of a line with this message, level and component: lines that differ only in their message's
    /// digits share it.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="level">The line's level token.</param>
    /// <param name="component">The line's component.</param>
    /// <param name="shape">Its shape's hash, for <see cref="Add"/> after a miss; 0 when the line is not cached at all.</param>
    /// <param name="value">What is kept for the shape, when found.</param>
    [SkipLocalsInit]
    public bool TryGet(ReadOnlySpan<byte> message, ReadOnlySpan<byte> level, ReadOnlySpan<byte> component, out ulong shape, [MaybeNullWhen(false)] out TValue value)
    {
        value = default;
        shape = 0;
        if (!_enabled || message.Length > TemplateShapeCache.MaxMessageLength || level.Length + component.Length > TemplateShapeCache.MaxLevelAndComponentLength)
        {
            return false;
        }

        Span<byte> masked = stackalloc byte[TemplateShapeCache.MaxMessageLength + TemplateShapeCache.MaxLevelAndComponentLength + 2];
        shape = TemplateShapeCache.ShapeOf(message, level, component, masked);
        for (var slot = SlotOf(shape); _shapes[slot] != 0; slot = (slot + 1) & (Slots - 1))
        {
            if (_shapes[slot] == shape)
            {
                value = _values[slot];
                _hits++;
                return true;
            }
        }

        if (_count >= TemplateShapeCache.Capacity && ++_missesWhenFull > _hits)
        {
            _enabled = false;
        }

        return false;
    }

    /// <summary>Whether <see cref="Add"/> would remember a shape that a lookup missed: so that a caller makes no value the cache would drop.</summary>
    public bool Accepts(ulong shape) => _enabled && shape != 0 && _count < TemplateShapeCache.Capacity;

    /// <summary>Remembers what is kept for a shape that a lookup missed, where the cache <see cref="Accepts"/> it.</summary>
    public void Add(ulong shape, TValue value)
    {
        if (!Accepts(shape))
        {
            return;
        }

        if (_shapes == NoShapes)
        {
            (_shapes, _values) = (new ulong[Slots], new TValue[Slots]);
        }

        var slot = SlotOf(shape);
        while (_shapes[slot] != 0 && _shapes[slot] != shape)
        {
            slot = (slot + 1) & (Slots - 1);
        }

        _count += _shapes[slot] == 0 ? 1 : 0;
        (_shapes[slot], _values[slot]) = (shape, value);
    }

    private static int SlotOf(ulong shape) => (int)(shape >> 32) & (Slots - 1);
}

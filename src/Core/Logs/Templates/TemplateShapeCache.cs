using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Templates;

/// <summary>
/// The shape of a message, by which <see cref="TemplateShapeCache{TValue}"/> remembers templates: the message with every
/// digit read as <c>0</c>, hashed.
/// </summary>
internal static class TemplateShapeCache
{
    /// <summary>The most shapes remembered per scanner.</summary>
    public const int Capacity = 4096;

    /// <summary>Longer messages are folded each time: their shapes rarely repeat, and masking them is no longer cheap.</summary>
    public const int MaxMessageLength = 256;

    /// <summary>The hash of <paramref name="message"/> with its digits masked, written through <paramref name="masked"/>.</summary>
    internal static ulong ShapeOf(ReadOnlySpan<byte> message, Span<byte> masked)
    {
        var n = message.Length;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(message);
            ref var target = ref MemoryMarshal.GetReference(masked);
            var zero = Vector128.Create((byte)'0');
            var ten = Vector128.Create((byte)10);
            for (; i + 16 <= n; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref source, (nuint)i);
                var digit = Vector128.LessThan(v - zero, ten);
                Vector128.ConditionalSelect(digit, zero, v).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var b = message[i];
            masked[i] = (uint)(b - '0') <= 9 ? (byte)'0' : b;
        }

        // 0 means "not cached": a shape that hashes to it is simply never remembered.
        return XxHash3.HashToUInt64(masked[..n]);
    }
}

/// <summary>
/// Remembers what a scanner keeps per template (its id, or its counters) by the shape of its messages. The templater
/// tells digits apart from other bytes but never one digit from another, and a template holds no digit, so two
/// messages of one shape fold into one template: a message seen before in another shape costs a masked hash and one
/// lookup instead of a fold and a lookup of the template. Bounded: it stops adding at
/// <see cref="TemplateShapeCache.Capacity"/> shapes, and stops looking once it is full and misses more often than it
/// hits (messages whose variable parts are not digits, such as GUIDs).
/// </summary>
/// <typeparam name="TValue">What is kept per template.</typeparam>
internal sealed class TemplateShapeCache<TValue>
{
    private readonly Dictionary<ulong, TValue> _values = [];
    private long _hits;
    private long _missesWhenFull;
    private bool _enabled = true;

    /// <summary>Looks the message's shape up.</summary>
    /// <param name="message">The message.</param>
    /// <param name="shape">Its shape's hash, for <see cref="Add"/> after a miss; 0 when the message is not cached at all.</param>
    /// <param name="value">What is kept for the template, when found.</param>
    [SkipLocalsInit]
    public bool TryGet(ReadOnlySpan<byte> message, out ulong shape, [MaybeNullWhen(false)] out TValue value)
    {
        value = default;
        shape = 0;
        if (!_enabled || message.Length > TemplateShapeCache.MaxMessageLength)
        {
            return false;
        }

        Span<byte> masked = stackalloc byte[TemplateShapeCache.MaxMessageLength];
        shape = TemplateShapeCache.ShapeOf(message, masked);
        if (_values.TryGetValue(shape, out value))
        {
            _hits++;
            return true;
        }

        if (_values.Count >= TemplateShapeCache.Capacity && ++_missesWhenFull > _hits)
        {
            _enabled = false;
        }

        return false;
    }

    /// <summary>Remembers what is kept for the template of a shape <see cref="TryGet"/> missed.</summary>
    public void Add(ulong shape, TValue value)
    {
        if (_enabled && shape != 0 && _values.Count < TemplateShapeCache.Capacity)
        {
            _values[shape] = value;
        }
    }
}

using System.Text;
using PosFleet.Logs.Templates;
using PosFleet.Tests.Logs.Loghub;

namespace PosFleet.Tests.Logs.Templates;

public sealed class TemplateShapeCacheTests
{
    public static TheoryData<string> Systems => [.. LoghubSystem.All];

    [Theory]
    [MemberData(nameof(Systems))]
    public void Fold_DigitsMasked_SameTemplate(string system)
    {
        // What the cache rests on, on real lines no one here wrote: a message and its shape fold alike, with no digit left.
        foreach (var line in LoghubSystem.Load(system).Lines)
        {
            var destination = new byte[(line.Length * 3) + 16];
            var masked = new byte[line.Length + 2];
            var id = MessageTemplater.Fold(line, destination, out var written);
            var template = Encoding.UTF8.GetString(destination, 0, written);
            TemplateShapeCache.ShapeOf(line, default, default, masked);

            Assert.Equal(id, MessageTemplater.Fold(masked.AsSpan(0, line.Length), destination, out written));
            Assert.Equal(template, Encoding.UTF8.GetString(destination, 0, written));
            Assert.DoesNotContain(template, char.IsAsciiDigit);
        }
    }

    [Fact]
    public void Mask_EveryLength_MasksEachDigitAndWritesNothingPast()
    {
        // Every length a shape is taken of, so that each step of the masking (32 bytes, 16, one) and its overlapping last
        // step are read: digits everywhere and in the last byte, and the bytes on either side of the digits ('/', ':') and
        // past ASCII, which only an unsigned compare leaves alone. Nothing is written past the message, not even where
        // ShapeOf writes next.
        byte[] alphabet = [.. "0123456789/:a "u8, 0x80, 0xB0, 0xFF];
        for (var n = 0; n <= TemplateShapeCache.MaxMessageLength; n++)
        {
            var message = new byte[n];
            for (var i = 0; i < n; i++)
            {
                message[i] = alphabet[((i * 7) + n) % alphabet.Length];
            }

            if (n > 0)
            {
                message[^1] = (byte)'7';
            }

            var masked = new byte[n + 32];
            Array.Fill(masked, (byte)'x');

            TemplateShapeCache.Mask(message, masked);

            var expected = message.Select(b => b is >= (byte)'0' and <= (byte)'9' ? (byte)'0' : b).ToArray();
            Assert.True(expected.AsSpan().SequenceEqual(masked.AsSpan(0, n)), $"length {n}: {Convert.ToHexString(masked, 0, n)}");
            Assert.True(masked.AsSpan(n).IndexOfAnyExcept((byte)'x') < 0, $"length {n}: written past the message");
        }
    }

    [Theory]
    [InlineData("ticket 42 closed in 35 ms", "ticket 97 closed in 10 ms", true)]
    [InlineData("ticket 42 closed in 35 ms", "ticket 42 closed in 350 ms", false)]
    [InlineData("ticket 42 closed", "ticket 42 opened", false)]
    [InlineData("disk 0123456789 full", "disk 9876543210 full", true)]
    [InlineData("a digit follows the last vector: 12345678901234567", "a digit follows the last vector: 98765432109876543", true)]
    public void TryGet_SecondMessage_HitsOnlyForSameShape(string first, string second, bool hit)
    {
        var cache = new TemplateShapeCache<ulong>();
        Assert.False(cache.TryGet(Encoding.UTF8.GetBytes(first), out var shape, out _));
        cache.Add(shape, 1234);

        var found = cache.TryGet(Encoding.UTF8.GetBytes(second), out _, out var id);

        Assert.Equal(hit, found);
        Assert.Equal(hit ? 1234UL : 0UL, id);
    }

    [Theory]
    [InlineData("WARN", "sync", "WARN", "sync", true)]
    [InlineData("WARN", "sync", "INFO", "sync", false)]
    [InlineData("WARN", "sync", "WARN", "printer", false)]
    [InlineData("WARN", "", "WAR", "N", false)]
    [InlineData("", "WARN", "WARN", "", false)]
    [InlineData("E1", "sync", "E2", "sync", false)]
    [InlineData("WARN", "pos1", "WARN", "pos2", false)]
    public void TryGet_LevelAndComponent_AreTheShapesAsTheyAre(string level, string component, string otherLevel, string otherComponent, bool hit)
    {
        // One message (its digits aside) at two levels or from two components is two shapes: the level and component are
        // kept whole, digits too, and where one ends and the other starts counts.
        var cache = new TemplateShapeCache<ulong>();
        Assert.False(cache.TryGet("ticket 42 closed"u8, Encoding.UTF8.GetBytes(level), Encoding.UTF8.GetBytes(component), out var shape, out _));
        cache.Add(shape, 1234);

        var found = cache.TryGet("ticket 97 closed"u8, Encoding.UTF8.GetBytes(otherLevel), Encoding.UTF8.GetBytes(otherComponent), out _, out var id);

        Assert.Equal(hit, found);
        Assert.Equal(hit ? 1234UL : 0UL, id);
    }

    [Fact]
    public void TryGet_LongLevelAndComponent_NotCached()
    {
        var cache = new TemplateShapeCache<ulong>();
        var component = new string('c', TemplateShapeCache.MaxLevelAndComponentLength - 3);

        Assert.False(cache.TryGet("ticket closed"u8, "INFO"u8, Encoding.UTF8.GetBytes(component), out var shape, out _));
        cache.Add(shape, 1);

        Assert.Equal(0UL, shape);
        Assert.False(cache.TryGet("ticket closed"u8, "INFO"u8, Encoding.UTF8.GetBytes(component), out _, out _));
        Assert.False(cache.TryGet("ticket closed"u8, "INF"u8, Encoding.UTF8.GetBytes(component), out shape, out _));
        Assert.NotEqual(0UL, shape);
    }

    [Fact]
    public void Accepts_ShapeZeroOrFullCache_TakesNothing()
    {
        // What a caller asks before it makes a value to keep: never shape 0 ("not cached"), never once the cache is full.
        var cache = new TemplateShapeCache<ulong>();
        Assert.False(cache.Accepts(0));
        Assert.True(cache.Accepts(1));
        for (var i = 0; i < TemplateShapeCache.Capacity; i++)
        {
            Assert.False(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(i)} gone"), out var shape, out _));
            Assert.True(cache.Accepts(shape));
            cache.Add(shape, 1);
        }

        Assert.False(cache.TryGet("id new gone"u8, out var more, out _));
        Assert.NotEqual(0UL, more);
        Assert.False(cache.Accepts(more));
    }

    [Fact]
    public void TryGet_Full_FindsEveryShapeKept()
    {
        // A full cache: half its slots taken, so that many shapes sit past their first slot, each found with its own value.
        var cache = Full();

        for (var i = 0; i < TemplateShapeCache.Capacity; i++)
        {
            Assert.True(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(i)} gone"), out _, out var kept), $"shape {i} not found");
            Assert.Equal((ulong)i + 1, kept);
        }
    }

    [Fact]
    public void Add_ShapeAlreadyKept_ReplacesItsValueAndTakesNoRoom()
    {
        var cache = new TemplateShapeCache<ulong>();
        Assert.False(cache.TryGet("ticket 1 closed"u8, out var shape, out _));
        cache.Add(shape, 1);
        cache.Add(shape, 2);

        Assert.True(cache.TryGet("ticket 2 closed"u8, out _, out var kept));
        Assert.Equal(2UL, kept);
        for (var i = 1; i < TemplateShapeCache.Capacity; i++)
        {
            Assert.False(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(i)} gone"), out var other, out _));
            Assert.True(cache.Accepts(other), $"shape {i} refused");
            cache.Add(other, (ulong)i);
        }

        Assert.False(cache.TryGet("id new gone"u8, out var more, out _));
        Assert.False(cache.Accepts(more));
    }

    [Fact]
    public void TryGet_LongMessage_NotCached()
    {
        var cache = new TemplateShapeCache<ulong>();
        var message = new byte[TemplateShapeCache.MaxMessageLength + 1];
        message.AsSpan().Fill((byte)'a');

        Assert.False(cache.TryGet(message, out var shape, out _));
        cache.Add(shape, 1);

        Assert.Equal(0UL, shape);
        Assert.False(cache.TryGet(message, out _, out _));
    }

    [Fact]
    public void TryGet_FullAndMissing_StopsLooking()
    {
        // Messages whose variable parts are letters (every shape new): once full, the cache gives up and keeps nothing more.
        var cache = Full();

        Assert.True(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(7)} gone"), out _, out var kept));
        Assert.Equal(8UL, kept);
        Assert.False(cache.TryGet(Encoding.UTF8.GetBytes("id new gone"), out _, out _));
        Assert.False(cache.TryGet(Encoding.UTF8.GetBytes("id newer gone"), out _, out _));

        Assert.False(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(7)} gone"), out var after, out _));
        Assert.Equal(0UL, after);
        Assert.False(cache.Accepts(12345));
    }

    /// <summary>A cache filled with shapes whose variable parts are letters (every one new), shape <c>i</c> kept as <c>i + 1</c>.</summary>
    private static TemplateShapeCache<ulong> Full()
    {
        var cache = new TemplateShapeCache<ulong>();
        for (var i = 0; i < TemplateShapeCache.Capacity; i++)
        {
            Assert.False(cache.TryGet(Encoding.UTF8.GetBytes($"id {Letters(i)} gone"), out var shape, out _));
            cache.Add(shape, (ulong)i + 1);
        }

        return cache;
    }

    private static string Letters(int i) => string.Concat(i.ToString("x4").Select(c => (char)('g' + Convert.ToInt32(c.ToString(), 16))));
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace PosFleet.Tests.Digests.Rendering;

/// <summary>
/// Just enough of PNG to check a browser's screenshot: 8-bit RGB or RGBA, not interlaced (what Chromium writes),
/// read into 0xRRGGBB pixels.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly int[] _pixels;

    private PngImage(int width, int height, int[] pixels) => (Width, Height, _pixels) = (width, height, pixels);

    public int Width { get; }

    public int Height { get; }

    public int this[int x, int y] => _pixels[(y * Width) + x];

    public int DistinctColours => _pixels.Distinct().Count();

    public bool Contains(int rgb) => Array.IndexOf(_pixels, rgb) >= 0;

    public static PngImage Read(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                (var depth, var colour, var interlace) = (data[8], data[9], data[12]);
                channels = colour switch { 2 => 3, 6 => 4, _ => 0 };
                if (depth != 8 || channels == 0 || interlace != 0)
                {
                    throw new InvalidDataException($"Unsupported PNG: bit depth {depth}, colour type {colour}, interlace {interlace}.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        return new PngImage(width, height, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static int[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var previous = new byte[stride];
        var row = new byte[stride];
        var pixels = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, (y * (stride + 1)) + 1, row, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                });
            }

            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (row[x * bpp] << 16) | (row[(x * bpp) + 1] << 8) | row[(x * bpp) + 2];
            }

            (previous, row) = (row, previous);
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

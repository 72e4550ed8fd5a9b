namespace PosFleet.Logs.Scanning;

/// <summary>What the first bytes of an input say it holds.</summary>
internal enum InputContentKind : byte
{
    /// <summary>Text, UTF-8 (or ASCII, or a single-byte code page), with or without a byte-order mark.</summary>
    Text,

    /// <summary>UTF-16 text with its byte-order mark (Windows tools write it): read through a transcoder.</summary>
    Utf16LittleEndian,

    /// <summary>UTF-16 big-endian text with its byte-order mark.</summary>
    Utf16BigEndian,

    /// <summary>gzip (<c>1F 8B</c>).</summary>
    Gzip,

    /// <summary>xz (<c>FD 37 7A 58 5A 00</c>).</summary>
    Xz,

    /// <summary>Zstandard (<c>28 B5 2F FD</c>).</summary>
    Zstd,

    /// <summary>bzip2 (<c>BZh1</c>…<c>BZh9</c> and a block or end-of-stream marker).</summary>
    Bzip2,

    /// <summary>A compressed format or archive that is not read: zip, 7z, lz4, lzip, UTF-32 text.</summary>
    Unsupported,

    /// <summary>Not text: NUL bytes in its first line, or among many other control bytes.</summary>
    Binary,
}

/// <summary>
/// What an input holds, told by its first <see cref="HeadBytes"/> bytes (magic numbers and byte-order marks), never by its
/// name: a rotated log compressed under any name is read through its decompressor, and a binary file is never read as text.
/// </summary>
/// <param name="Kind">What it holds.</param>
/// <param name="Preamble">The bytes to skip before the text: a byte-order mark.</param>
/// <param name="What">What it is, in words, for notes: <c>xz-compressed</c>, <c>a zip archive</c>.</param>
internal readonly record struct InputContent(InputContentKind Kind, int Preamble, string What)
{
    /// <summary>How many first bytes tell what an input holds.</summary>
    public const int HeadBytes = 4096;

    /// <summary>Past this share of control characters (besides NUL, tab, line ends, form feed and escape), a block is not text.</summary>
    private const int ControlBytesPerMille = 50;

    public bool IsCompressed => Kind is InputContentKind.Gzip or InputContentKind.Xz or InputContentKind.Zstd or InputContentKind.Bzip2;

    public bool IsText => Kind is InputContentKind.Text or InputContentKind.Utf16LittleEndian or InputContentKind.Utf16BigEndian;

    public static InputContent Of(ReadOnlySpan<byte> head)
    {
        head = head[..Math.Min(head.Length, HeadBytes)];
        if (Starts(head, [0x1F, 0x8B]))
        {
            return new(InputContentKind.Gzip, 0, "gzip-compressed");
        }

        if (Starts(head, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
        {
            return new(InputContentKind.Xz, 0, "xz-compressed");
        }

        if (Starts(head, [0x28, 0xB5, 0x2F, 0xFD]))
        {
            return new(InputContentKind.Zstd, 0, "zstd-compressed");
        }

        if (head.Length >= 10 && head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9'
            && (Starts(head[4..], [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || Starts(head[4..], [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])))
        {
            return new(InputContentKind.Bzip2, 0, "bzip2-compressed");
        }

        if (Unsupported(head) is { } what)
        {
            return new(InputContentKind.Unsupported, 0, what);
        }

        if (Starts(head, [0xEF, 0xBB, 0xBF]))
        {
            return IsBinary(head[3..]) ? Binary : new(InputContentKind.Text, 3, "UTF-8 text");
        }

        if (Starts(head, [0xFF, 0xFE]))
        {
            return new(InputContentKind.Utf16LittleEndian, 2, "UTF-16 text");
        }

        if (Starts(head, [0xFE, 0xFF]))
        {
            return new(InputContentKind.Utf16BigEndian, 2, "UTF-16 big-endian text");
        }

        return IsBinary(head) ? Binary : new(InputContentKind.Text, 0, "text");
    }

    private static bool Starts(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    private static InputContent Binary => new(InputContentKind.Binary, 0, $"binary (NUL bytes in its first {HeadBytes / 1024} KiB)");

    private static string? Unsupported(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return "a zip archive";
        }

        if (Starts(head, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return "a 7z archive";
        }

        if (Starts(head, [0x04, 0x22, 0x4D, 0x18]))
        {
            return "lz4-compressed";
        }

        if (head.StartsWith("LZIP"u8))
        {
            return "lzip-compressed";
        }

        return Starts(head, [0xFF, 0xFE, 0x00, 0x00]) || Starts(head, [0x00, 0x00, 0xFE, 0xFF]) ? "UTF-32 text" : null;
    }

    /// <summary>
    /// Binary when the block holds a NUL and either its first line holds one (ELF, SQLite, images, UTF-16 without a
    /// byte-order mark) or one byte in twenty of the rest is a control character. A log whose later lines a crash
    /// filled with NULs stays text: those lines are counted as malformed, the others read.
    /// </summary>
    private static bool IsBinary(ReadOnlySpan<byte> block)
    {
        var nul = block.IndexOf((byte)0);
        if (nul < 0)
        {
            return false;
        }

        var newline = block.IndexOf((byte)'\n');
        if (newline < 0 || nul < newline)
        {
            return true;
        }

        var control = 0;
        foreach (var b in block)
        {
            if ((b < 0x20 && b is not (0 or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B)) || b == 0x7F)
            {
                control++;
            }
        }

        return control * 1000 > block.Length * ControlBytesPerMille;
    }
}

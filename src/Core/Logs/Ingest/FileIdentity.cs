using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PosFleet.Logs.Ingest;

/// <summary>
/// What names a file whatever its path: on Linux its inode, with its birth time where the file system keeps one
/// (<c>statx</c>, whose layout is the same on every architecture); on Windows its volume serial number and file index. A
/// file renamed away and replaced by a new one at the same path gets another identity even when its size and first bytes
/// are the same.
/// </summary>
/// <remarks>
/// The Linux identity leaves out the device number: it is not stable everywhere (btrfs subvolumes, NFS and recreated
/// containers give the same file another one after a remount or a reboot), and a changed identity would read a whole log
/// again. Identities are compared with <see cref="IsReplacement"/>, never as strings.
/// </remarks>
internal static partial class FileIdentity
{
    private const string InodePrefix = "inode:";
    private const string BornSeparator = ":born:";
    private const int AtEmptyPath = 0x1000;
    private const uint StatxInode = 0x100;
    private const uint StatxBirthTime = 0x800;
    private const int StatxSize = 256;
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The identity of the open file, or <see langword="null"/> where the platform does not say.</summary>
    public static string? Of(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return OfLinux(handle);
            }

            if (OperatingSystem.IsWindows())
            {
                return GetFileInformationByHandle(handle, out var info)
                    ? $"{info.VolumeSerialNumber:x8}:{info.FileIndexHigh:x8}{info.FileIndexLow:x8}"
                    : null;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // An older C library without statx: size and fingerprint decide, as they do where no identity is known.
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="current"/> names another file than <paramref name="stored"/>: another inode, or the same
    /// inode number with another birth time (reused after the first file was deleted). A birth time known on one side only
    /// does not count. An identity that is missing or in a format not recognised (a device-and-inode identity stored by
    /// an older version) is unknown, and an unknown identity never counts: size and fingerprint decide.
    /// </summary>
    public static bool IsReplacement(string? stored, string? current)
    {
        if (TryParseInode(stored, out var storedInode, out var storedBorn) && TryParseInode(current, out var currentInode, out var currentBorn))
        {
            return storedInode != currentInode || (storedBorn is not null && currentBorn is not null && !storedBorn.Equals(currentBorn, StringComparison.Ordinal));
        }

        return IsWindows(stored) && IsWindows(current) && !string.Equals(stored, current, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Linux identity: <c>inode:N</c>, or <c>inode:N:born:S.NNNNNNNNN</c> when the birth time is known.</summary>
    internal static string Format(ulong inode, long? bornSeconds = null, uint bornNanoseconds = 0) =>
        bornSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"{InodePrefix}{inode}{BornSeparator}{seconds}.{bornNanoseconds:D9}")
            : string.Create(CultureInfo.InvariantCulture, $"{InodePrefix}{inode}");

    private static bool TryParseInode(string? identity, out ulong inode, out string? born)
    {
        inode = 0;
        born = null;
        if (identity is null || !identity.StartsWith(InodePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = identity.AsSpan(InodePrefix.Length);
        var separator = rest.IndexOf(BornSeparator, StringComparison.Ordinal);
        if (separator >= 0)
        {
            var time = rest[(separator + BornSeparator.Length)..];
            var dot = time.IndexOf('.');
            if (dot <= 0 || !long.TryParse(time[..dot], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                || time.Length - dot - 1 != 9 || !uint.TryParse(time[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            born = time.ToString();
            rest = rest[..separator];
        }

        return ulong.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    /// <summary>Volume serial number and file index, as <see cref="Of"/> writes them on Windows: 8 and 16 hex digits.</summary>
    private static bool IsWindows(string? identity) =>
        identity is { Length: 25 } && identity[8] == ':' && !identity.AsSpan(0, 8).ContainsAnyExcept(HexDigits) && !identity.AsSpan(9).ContainsAnyExcept(HexDigits);

    private static unsafe string? OfLinux(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var buffer = stackalloc byte[StatxSize];
            if (Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxInode | StatxBirthTime, buffer) != 0)
            {
                return null;
            }

            // struct statx: stx_mask at 0, stx_ino at 32, stx_btime at 80 (tv_sec, then tv_nsec at 88). The mask says what
            // the file system filled in: many keep no birth time, and then the inode alone names the file.
            var mask = *(uint*)buffer;
            if ((mask & StatxInode) == 0)
            {
                return null;
            }

            var inode = *(ulong*)(buffer + 32);
            return (mask & StatxBirthTime) == 0 ? Format(inode) : Format(inode, *(long*)(buffer + 80), *(uint*)(buffer + 88));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

    /// <summary>BY_HANDLE_FILE_INFORMATION: FILETIMEs as pairs of DWORDs, so that nothing is padded.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public uint CreationTimeLow;
        public uint CreationTimeHigh;
        public uint LastAccessTimeLow;
        public uint LastAccessTimeHigh;
        public uint LastWriteTimeLow;
        public uint LastWriteTimeHigh;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}

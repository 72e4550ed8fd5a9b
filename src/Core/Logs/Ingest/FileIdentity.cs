using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PosFleet.Logs.Ingest;

/// <summary>
/// What names a file whatever its path: device and inode on Linux (<c>statx</c>, whose layout is the same on every
/// architecture), volume serial number and file index on Windows. A file renamed away and replaced by a new one at the
/// same path gets another identity even when its size and first bytes are the same.
/// </summary>
internal static partial class FileIdentity
{
    private const int AtEmptyPath = 0x1000;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;

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

    private static unsafe string? OfLinux(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var buffer = stackalloc byte[StatxSize];
            if (Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxInode, buffer) != 0)
            {
                return null;
            }

            // struct statx: stx_mask at 0, stx_ino at 32, stx_dev_major and stx_dev_minor at 136 and 140.
            var mask = *(uint*)buffer;
            return (mask & StatxInode) == 0 ? null : $"{*(uint*)(buffer + 136)}:{*(uint*)(buffer + 140)}:{*(ulong*)(buffer + 32)}";
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

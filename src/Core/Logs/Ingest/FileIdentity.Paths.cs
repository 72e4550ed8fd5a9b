using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PosFleet.Logs.Ingest;

/// <summary>What a path names once its symbolic links are followed.</summary>
internal enum FileNodeKind
{
    /// <summary>A regular file: the only kind that is read.</summary>
    Regular,

    /// <summary>A directory: walked.</summary>
    Directory,

    /// <summary>A FIFO (named pipe): opening it waits for a writer, and it never ends while one writes.</summary>
    Fifo,

    /// <summary>A Unix socket: cannot be opened as a file.</summary>
    Socket,

    /// <summary>A character or block device (<c>/dev/zero</c> never ends).</summary>
    Device,
}

/// <summary>
/// A path's kind and the identity of what it names, taken without opening it. The key is the device and the inode on
/// Linux: unlike <see cref="FileIdentity.Of"/>, it is only compared within one walk, where the device number is stable,
/// and two file systems can hold the same inode number.
/// </summary>
internal readonly record struct FileNode(FileNodeKind Kind, string Key, long Length);

/// <content>Paths looked at before they are opened, and files opened without ever blocking.</content>
internal static partial class FileIdentity
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSizeField = 0x200;
    private const int OpenReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
    private const int FileTypeMask = 0xF000;

    /// <summary>
    /// What <paramref name="path"/> names, its symbolic links followed; <see langword="null"/> when it names nothing (missing,
    /// a dangling link, a link loop) or cannot be looked at.
    /// </summary>
    public static FileNode? Stat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return StatLinux(path);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // An older C library without statx: the portable answer below.
            }
        }

        // Elsewhere the final target's full path stands for the identity; FIFOs and devices are not told apart.
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        return new FileNode(
            info is DirectoryInfo ? FileNodeKind.Directory : FileNodeKind.Regular,
            "path:" + Path.TrimEndingDirectorySeparator(target.FullName),
            info is FileInfo file ? file.Length : 0);
    }

    /// <summary>
    /// Opens a regular file to read; never waits, whatever is at <paramref name="path"/> by then (a FIFO put there after
    /// the walk looked at it is refused, not waited on).
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened, or it is not a regular file; the message says which.</exception>
    public static FileStream OpenRegular(string path, int bufferSize)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, useAsync: false);
        }

        var fd = Open(path, OpenReadOnlyNonBlocking);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            var message = $"{Marshal.GetPInvokeErrorMessage(error)}: '{path}'.";
            throw error is 2 or 20 ? new FileNotFoundException($"Could not find file '{path}'.", path)
                : error is 13 ? new UnauthorizedAccessException($"Access to the path '{path}' is denied.")
                : new IOException(message);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var kind = KindOf(handle);
            if (kind is not FileNodeKind.Regular)
            {
                throw new IOException(NotRegular(kind.GetValueOrDefault(FileNodeKind.Device)) + ".");
            }

            return new FileStream(handle, FileAccess.Read, bufferSize, isAsync: false);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>"it is a FIFO (named pipe), not a regular file", for messages about a path.</summary>
    public static string NotRegular(FileNodeKind kind) => $"it is {Describe(kind)}, not a regular file";

    /// <summary>"a FIFO (named pipe)", "a socket", "a device", "a directory".</summary>
    public static string Describe(FileNodeKind kind) => kind switch
    {
        FileNodeKind.Fifo => "a FIFO (named pipe)",
        FileNodeKind.Socket => "a socket",
        FileNodeKind.Directory => "a directory",
        FileNodeKind.Regular => "a regular file",
        _ => "a device",
    };

    private static unsafe FileNode? StatLinux(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtCurrentDirectory, path, 0, StatxType | StatxInode | StatxSizeField, buffer) != 0 || (*(uint*)buffer & (StatxType | StatxInode)) != (StatxType | StatxInode))
        {
            return null;
        }

        // struct statx: stx_mode at 28, stx_ino at 32, stx_size at 40, stx_dev_major and stx_dev_minor at 136 and 140.
        var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{device}:{*(ulong*)(buffer + 32)}");
        return new FileNode(KindOf(*(ushort*)(buffer + 28)), key, *(long*)(buffer + 40));
    }

    private static unsafe FileNodeKind? KindOf(SafeFileHandle handle)
    {
        var buffer = stackalloc byte[StatxSize];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxType, buffer) == 0 ? KindOf(*(ushort*)(buffer + 28)) : null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileNodeKind KindOf(ushort mode) => (mode & FileTypeMask) switch
    {
        0x8000 => FileNodeKind.Regular,
        0x4000 => FileNodeKind.Directory,
        0x1000 => FileNodeKind.Fifo,
        0xC000 => FileNodeKind.Socket,
        _ => FileNodeKind.Device,
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}

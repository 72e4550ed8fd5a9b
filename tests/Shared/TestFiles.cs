using System.Security.Cryptography;

namespace PosFleet.Tests;

/// <summary>Checks on real files: a file's content hash (to see it left unchanged), and a directory nothing can be created in.</summary>
internal static class TestFiles
{
    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Makes a real FIFO (named pipe) at <paramref name="path"/> with mkfifo(1); nothing writes to it.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string Fifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path} failed");
        return path;
    }

    /// <summary>A directory no file can be created in: read-only for a normal user; /proc for root, whom permissions do not stop.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string ReadOnlyDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("posfleet-readonly-").FullName;
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(dir, "probe"), "");
            File.Delete(Path.Combine(dir, "probe"));
            return "/proc";
        }
        catch (UnauthorizedAccessException)
        {
            return dir;
        }
    }
}

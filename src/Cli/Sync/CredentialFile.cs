namespace PosFleet.Cli.Sync;

/// <summary>Writes a credential readable by its owner only: created with mode 0600, never widened afterwards.</summary>
internal static class CredentialFile
{
    public static void Write(string path, string credential)
    {
        // A new file beside the target, created 0600 from the start (no window where it is world-readable), then moved over.
        var partial = path + ".partial";
        File.Delete(partial);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(partial, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(credential);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }
}

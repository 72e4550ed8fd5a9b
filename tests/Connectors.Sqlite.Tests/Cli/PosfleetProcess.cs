using System.Diagnostics;

namespace PosFleet.Connectors.Sqlite.Tests.Cli;

/// <summary>Runs the built <c>posfleet</c> tool as a real process.</summary>
internal static class PosfleetProcess
{
    /// <summary>The tool's apphost, built with the same configuration as these tests.</summary>
    public static string Executable { get; } = Find();

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = dir.Parent!.Name; // bin/<Configuration>/net10.0/
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sdk.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir!.FullName, "src", "Cli", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "posfleet.exe" : "posfleet");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the posfleet tool first: {path} is missing.", path);
    }
}

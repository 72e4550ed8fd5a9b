using System.Diagnostics;

namespace PosFleet.Cli.Tests;

/// <summary>Runs the real posfleet tool as a child process, as a user would.</summary>
internal static class PosFleetProcess
{
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "posfleet.dll");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string? stdin, params string[] args)
    {
        var start = StartInfo(args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>
    /// Starts the tool and returns at once, to be signaled or killed while it runs. Both outputs are redirected: the caller
    /// reads them (or discards them) so that the tool never blocks writing to a full pipe.
    /// </summary>
    public static Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    private static ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ToolPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}

using System.Net;
using System.Net.Sockets;
using PosFleet.Tests;

namespace PosFleet.Samples.Tests.Sync;

/// <summary>
/// samples/TerminalAgent as a process, its back office a socket that accepts the connection and never answers (the
/// transport's attempt timeout an hour): SIGTERM while that exchange waits ends the process, promptly and cleanly.
/// </summary>
public sealed class TerminalAgentShutdownTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sigterm_WhileAnExchangeWaitsOnASilentBackOffice_ExitsWithZeroWithinTenSeconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var till = PosFleetProcess.Start(new PosFleetProcess.Options([SampleBuild.PathOf("TerminalAgent", "posfleet-terminal.dll")])
        {
            FileName = "dotnet",
            Timeout = TimeSpan.FromMinutes(2),
            Environment = new Dictionary<string, string?>
            {
                ["Storage__Path"] = Path.Combine(_dir.Path, "till.db"),
                ["Sync__BackOfficeUri"] = $"http://127.0.0.1:{port}/posfleet/sync",
                ["Sync__Credential"] = "pft1.till-07.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                ["Sync__AttemptTimeout"] = "01:00:00",
                ["Sync__TotalTimeout"] = "01:00:00",
                ["Sales__Tickets"] = "1",
            },
        });
        using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(1)); // the exchange is under way

        await till.SignalAsync(PosFleetProcess.Signal.Terminate);
        var exited = await till.TryWaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exited, $"the terminal did not exit within 10 s of SIGTERM.\nstdout:\n{till.Stdout}\nstderr:\n{till.Stderr}");
        Assert.Equal(0, till.ExitCode);
    }
}

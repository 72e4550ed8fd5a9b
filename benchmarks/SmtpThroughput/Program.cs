// Messages per second through the SMTP notifier to a real local SMTP server (the tests' aiosmtpd script on 127.0.0.1).
// Usage: benchmarks/SmtpThroughput/run.sh [messages] [concurrency]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet;
using PosFleet.Connectors.Email;
using PosFleet.Notifications;

var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/Connectors.Email.Tests/smtp_server.py"));
var mailDir = Directory.CreateTempSubdirectory("posfleet-smtp-bench").FullName;

int port;
using (var probe = new TcpListener(IPAddress.Loopback, 0))
{
    probe.Start();
    port = ((IPEndPoint)probe.LocalEndpoint).Port;
}

var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
{
    RedirectStandardInput = true,
    RedirectStandardOutput = true,
    UseShellExecute = false,
};
foreach (var a in new[] { script, "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", mailDir })
{
    start.ArgumentList.Add(a);
}

using var server = Process.Start(start)!;
try
{
    if (await server.StandardOutput.ReadLineAsync() != $"READY {port}")
    {
        throw new InvalidOperationException("The SMTP server did not start; install python3-aiosmtpd.");
    }

    var services = new ServiceCollection();
    services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    services.AddPosFleet().AddSmtpNotifier(o =>
    {
        o.Host = "127.0.0.1";
        o.Port = port;
        o.Security = SmtpSecurity.None;
        o.From = "PosFleet <fleet@example.com>";
    });
    await using var provider = services.BuildServiceProvider();
    var notifier = provider.GetRequiredService<INotifier>();
    var body = string.Concat(Enumerable.Repeat("1. [Offline] Printer <*> is offline — 9 times\n", 40));

    NotificationMessage Message(int i) => new()
    {
        Recipients = ["ana@example.es", "ops@example.com"],
        Subject = $"Shop {i} follow-up: 12 errors",
        Text = body,
        Html = "<pre>" + body + "</pre>",
        IdempotencyKey = $"bench/{i}",
    };

    await notifier.SendAsync(Message(-1), CancellationToken.None); // warm-up
    var clock = Stopwatch.StartNew();
    var next = -1;
    var failed = 0;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < messages)
        {
            var result = await notifier.SendAsync(Message(i), CancellationToken.None);
            if (!result.AllSent)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    clock.Stop();

    var received = Directory.GetFiles(mailDir, "*.eml").Length - 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{messages} messages (2 recipients, text + HTML), concurrency {concurrency}: {clock.Elapsed.TotalSeconds:0.00} s, {messages / clock.Elapsed.TotalSeconds:0.0} messages/s; received {received}, failed {failed}"));
}
finally
{
    server.StandardInput.Close();
    if (!server.WaitForExit(5000))
    {
        server.Kill(entireProcessTree: true);
    }

    Directory.Delete(mailDir, recursive: true);
}

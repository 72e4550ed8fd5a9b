using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CsCheck;

namespace PosFleet.Fuzz;

/// <summary>A fuzz target: its name (and corpus folder), the extension of its inputs, its generator and its invariants.</summary>
internal sealed record FuzzTarget(string Name, string Extension, Func<IReadOnlyList<byte[]>, Gen<byte[]>> Generator, Action<byte[]> Check);

/// <summary>
/// One target's run: counts the inputs tried, keeps the smallest input per kind of failure (inputs slower than the
/// limit included), stops the process on an input that hangs, and writes each failure, shrunk, to the corpus.
/// </summary>
internal sealed partial class FuzzRun(FuzzTarget target, string directory, TimeSpan slow, TimeSpan hang)
{
    private readonly ConcurrentDictionary<string, (byte[] Input, string Message)> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _tried;
    private int _corpusFiles;

    /// <summary>Runs every corpus file through the target; returns them as the seeds of the generated inputs.</summary>
    public IReadOnlyList<byte[]> ReplayCorpus()
    {
        var seeds = FuzzCorpus.Files(directory).Select(File.ReadAllBytes).ToList();
        _corpusFiles = seeds.Count;
        foreach (var seed in seeds)
        {
            Try(seed);
        }

        return seeds.Count > 0 ? seeds : [[]];
    }

    /// <summary>Runs one input; always <see langword="true"/>, so that the generator keeps exploring after a failure.</summary>
    public bool Try(byte[] input)
    {
        Interlocked.Increment(ref _tried);
        using var watchdog = new Timer(_ => Hung(input), null, hang, Timeout.InfiniteTimeSpan);
        var started = Stopwatch.GetTimestamp();
        var failure = Run(input);
        var took = Stopwatch.GetElapsedTime(started);
        if (failure is not null)
        {
            Record(failure, input);
        }
        else if (took > slow)
        {
            Record($"slow: an input took {took.TotalSeconds:0.0} s, more than the {slow.TotalSeconds:0.#} s allowed", input);
        }

        return true;
    }

    /// <summary>Shrinks and saves each failure; prints the run's figures; returns the number of kinds of failure.</summary>
    public int Report(int seconds, int threads)
    {
        var elapsed = _clock.Elapsed.TotalSeconds;
        foreach (var (signature, (input, message)) in _failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var shrunk = Shrink(input, signature);
            var path = Path.Combine(directory, $"found-{Convert.ToHexStringLower(SHA256.HashData(shrunk))[..12]}.{target.Extension}");
            Directory.CreateDirectory(directory);
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, shrunk);
            }

            Console.WriteLine($"{target.Name}: FAILURE ({input.Length} bytes, shrunk to {shrunk.Length}) kept as {path}\n  {message.ReplaceLineEndings("\n  ")}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name}: {_tried:N0} inputs in {elapsed:0} s ({_tried / Math.Max(elapsed, 0.001):N0}/s, {threads} thread(s), {seconds} s asked), "
            + $"corpus {_corpusFiles} files, {_failures.Count} failure(s)"));
        return _failures.Count;
    }

    private string? Run(byte[] input)
    {
        try
        {
            target.Check(input);
            return null;
        }
        catch (BrokenInvariantException ex)
        {
            return ex.InnerException is { } inner ? $"{ex.Message}\n{inner.StackTrace}" : ex.Message;
        }
    }

    private void Record(string message, byte[] input) =>
        _failures.AddOrUpdate(Signature(message), (input, message), (_, kept) => input.Length < kept.Input.Length ? (input, message) : kept);

    /// <summary>
    /// The kind of a failure: its message without the parts that come from the input (quoted text, numbers) and the
    /// first frame of the stack, so that one bug found with a thousand inputs is kept once, with the smallest of them.
    /// </summary>
    private static string Signature(string message)
    {
        var lines = message.Split('\n');
        var head = Digits().Replace(Quoted().Replace(lines[0], "'…'"), "#");
        return lines.Length > 1 && lines[1].TrimStart().StartsWith("at ", StringComparison.Ordinal) ? $"{head} {lines[1].Trim()}" : head;
    }

    /// <summary>Removes ever smaller chunks while the input still fails the same way (at most 3,000 tries or 20 s).</summary>
    private byte[] Shrink(byte[] input, string signature)
    {
        var budget = 3000;
        var until = Stopwatch.GetTimestamp() + (20 * Stopwatch.Frequency);
        for (var chunk = Math.Max(1, input.Length / 2); chunk >= 1 && budget > 0; chunk /= 2)
        {
            for (var at = 0; at + chunk <= input.Length && budget-- > 0 && Stopwatch.GetTimestamp() < until;)
            {
                byte[] candidate = [.. input.AsSpan(0, at), .. input.AsSpan(at + chunk)];
                if (!signature.StartsWith("slow:", StringComparison.Ordinal) && Run(candidate) is { } m && Signature(m) == signature)
                {
                    input = candidate;
                }
                else
                {
                    at += chunk;
                }
            }
        }

        return input;
    }

    private void Hung(byte[] input)
    {
        // Nothing can stop a thread that never returns: keep the input and end the process.
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"found-hang-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}.{target.Extension}");
        File.WriteAllBytes(path, input);
        Console.WriteLine($"{target.Name}: HANG: an input ran for more than {hang.TotalSeconds:0} s, kept as {path}");
        Environment.Exit(3);
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}

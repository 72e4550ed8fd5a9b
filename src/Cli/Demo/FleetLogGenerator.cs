using System.Text;
using Bogus;

namespace PosFleet.Cli.Demo;

/// <summary>
/// Writes a realistic, deterministic POS fleet log in the ISO-8601 + bracketed-level format: many terminals in many
/// organizations, every kind of line, a few stack-trace continuation lines. The same seed, size and end time always
/// give the same bytes. Bogus names the fleet; the lines themselves come from a fast loop so that a 1 GiB file takes
/// seconds.
/// </summary>
internal sealed class FleetLogGenerator
{
    private static readonly string[] Components = ["sync", "printer", "payment", "tickets", "drawer", "scale", "kds", "loyalty"];

    private readonly Random _random;
    private readonly (string Terminal, string Organization)[] _terminals;
    private readonly string[] _cashiers;
    private readonly string[] _products;

    private readonly bool _inTurn;
    private long _line;

    /// <param name="seed">The random seed.</param>
    /// <param name="terminals">How many terminals write.</param>
    /// <param name="organizations">How many organizations they belong to.</param>
    /// <param name="inTurn">
    /// Terminals write one after the other (line i by terminal i modulo their number), so that a log of at least as many
    /// lines names every one of them; else each line's terminal is drawn at random.
    /// </param>
    public FleetLogGenerator(int seed, int terminals = 400, int organizations = 60, bool inTurn = false)
    {
        _inTurn = inTurn;
        Randomizer.Seed = new Random(seed);
        var faker = new Faker("en");
        var orgs = Enumerable.Range(1, organizations)
            .Select(i => $"{Slug(faker.Company.CompanyName())}-{i:000}")
            .ToArray();
        _terminals = Enumerable.Range(1, terminals)
            .Select(i => ($"POS-{i:0000}", orgs[faker.Random.Int(0, orgs.Length - 1)]))
            .ToArray();
        _cashiers = Enumerable.Range(0, 200).Select(_ => Slug(faker.Name.FirstName())).ToArray();
        _products = Enumerable.Range(0, 200).Select(_ => Slug(faker.Commerce.ProductName())).ToArray();
        _random = new Random(seed);
    }

    /// <summary>How many lines of each level token were written.</summary>
    public Dictionary<string, long> Levels { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes about <paramref name="targetBytes"/> bytes of log covering <paramref name="days"/> days up to <paramref name="end"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled (checked at every megabyte written).</exception>
    public long Write(Stream output, long targetBytes, DateTimeOffset end, double days, CancellationToken cancellationToken = default)
    {
        var start = end.UtcTicks - (long)(days * TimeSpan.TicksPerDay);
        var span = end.UtcTicks - start;
        var buffer = new byte[1 << 20];
        var used = 0;
        long written = 0;
        long lines = 0;
        var line = new StringBuilder(256);
        while (written + used < targetBytes)
        {
            // Time advances with the bytes written, so the log ends at 'end' whatever the size.
            var ticks = start + (long)(span * ((written + used) / (double)targetBytes));
            if (ticks >= end.UtcTicks)
            {
                ticks = end.UtcTicks - 1;
            }

            line.Clear();
            var level = NextLine(line, ticks);
            Levels[level] = Levels.GetValueOrDefault(level) + 1;
            lines++;
            if (level == "ERROR" && _random.Next(50) == 0)
            {
                // A stack trace continuation: no timestamp, part of the entry above (the scanner counts it apart, never malformed).
                line.Append("    at PosFleet.Terminal.Sync.UploadAsync() in Sync.cs:line ").Append(_random.Next(40, 400)).Append('\n');
                lines++;
            }

            var text = line.ToString();
            var count = Encoding.UTF8.GetByteCount(text);
            if (used + count > buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                output.Write(buffer, 0, used);
                written += used;
                used = 0;
            }

            used += Encoding.UTF8.GetBytes(text, buffer.AsSpan(used));
        }

        output.Write(buffer, 0, used);
        written += used;
        return lines;
    }

    private string NextLine(StringBuilder s, long ticks)
    {
        var (terminal, organization) = _inTurn ? _terminals[_line++ % _terminals.Length] : _terminals[_random.Next(_terminals.Length)];
        var roll = _random.Next(1000);
        var level = roll switch
        {
            < 850 => "INFO",
            < 910 => "WARN",
            < 950 => "ERROR",
            < 970 => "FAIL",
            < 990 => "OFFLINE",
            _ => "RETRY",
        };

        new DateTime(ticks, DateTimeKind.Utc).TryFormat(_stamp, out var n, "yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        s.Append(_stamp, 0, n).Append("Z [").Append(level).Append("] term=").Append(terminal).Append(" org=").Append(organization).Append(' ');
        var r = _random.Next(4);
        var reference = $"T-{_random.Next(100000, 999999)}";
        switch (level)
        {
            case "INFO":
                switch (r)
                {
                    case 0: s.Append("tickets: ticket closed ref=").Append(reference).Append(" total=").Append(_random.Next(100, 20000) / 100.0).Append(" EUR items=").Append(_random.Next(1, 12)); break;
                    case 1: s.Append("sync: sync completed, ").Append(_random.Next(0, 500)).Append(" changes uploaded in ").Append(_random.Next(20, 900)).Append(" ms"); break;
                    case 2: s.Append("drawer: cash drawer opened by ").Append(_cashiers[_random.Next(_cashiers.Length)]); break;
                    default: s.Append("payment: payment accepted ref=").Append(reference).Append(" amount=").Append(_random.Next(100, 20000) / 100.0); break;
                }

                break;
            case "WARN":
                switch (r)
                {
                    case 0: s.Append("printer: low paper on printer ").Append(_random.Next(1, 4)); break;
                    case 1: s.Append("sync: slow response from back office: ").Append(_random.Next(2000, 9000)).Append(" ms"); break;
                    case 2: s.Append("scale: scale needs calibration, drift ").Append(_random.Next(1, 30)).Append(" g"); break;
                    default: s.Append("loyalty: card ").Append(_random.Next(10000, 99999)).Append(" not found, sale continued without points"); break;
                }

                break;
            case "ERROR":
                switch (r)
                {
                    case 0: s.Append("tickets: could not save ticket ref=").Append(reference).Append(": database is locked"); break;
                    case 1: s.Append("payment: payment service returned status ").Append(_random.Next(500, 504)).Append(" for ref=").Append(reference); break;
                    case 2: s.Append("sync: upload rejected by back office: product ").Append(_products[_random.Next(_products.Length)]).Append(" has no tax rate"); break;
                    default: s.Append("kds: NullReferenceException in order routing at step ").Append(_random.Next(1, 9)); break;
                }

                break;
            case "FAIL":
                switch (r)
                {
                    case 0: s.Append("printer: paper out on printer ").Append(_random.Next(1, 4)).Append(", ticket ref=").Append(reference).Append(" not printed"); break;
                    case 1: s.Append("printer: print job ").Append(_random.Next(1000, 9999)).Append(" failed on 192.168.1.").Append(_random.Next(2, 250)); break;
                    case 2: s.Append("payment: card declined ref=").Append(reference); break;
                    default: s.Append("kds: kitchen display did not acknowledge order ").Append(_random.Next(1, 500)); break;
                }

                break;
            case "OFFLINE":
                switch (r)
                {
                    case 0: s.Append("sync: no internet connection, ").Append(_random.Next(1, 60)).Append(" tickets kept in the outbox"); break;
                    case 1: s.Append("printer: printer not responding at 192.168.1.").Append(_random.Next(2, 250)); break;
                    case 2: s.Append("sync: connection reset by back office after ").Append(_random.Next(1, 30)).Append(" s"); break;
                    default: s.Append("payment: payment terminal unreachable on COM").Append(_random.Next(1, 5)); break;
                }

                break;
            default:
                switch (r)
                {
                    case 0: s.Append("tickets: retrying save of ticket ref=").Append(reference).Append(" (attempt ").Append(_random.Next(2, 5)).Append(')'); break;
                    case 1: s.Append("sync: request timed out, retrying in ").Append(_random.Next(1, 60)).Append(" s"); break;
                    case 2: s.Append("payment: retrying authorization ref=").Append(reference); break;
                    default: s.Append("printer: retrying print job ").Append(_random.Next(1000, 9999)); break;
                }

                break;
        }

        s.Append('\n');
        return level;
    }

    private readonly char[] _stamp = new char[32];

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(ch);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }
}

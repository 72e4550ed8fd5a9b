using System.Text;
using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Loghub;

/// <summary>One loghub 2k sample: its raw lines, its ground truth (the structured CSV) and the format to read it with.</summary>
internal sealed class LoghubSystem
{
    /// <summary>The year assumed for timestamps that carry none (a leap year, so that Feb 29 reads).</summary>
    public const int DefaultYear = 2016;

    public static readonly string[] All =
    [
        "Android", "Apache", "BGL", "HDFS", "HPC", "Hadoop", "HealthApp", "Linux", "Mac", "OpenSSH", "OpenStack",
        "Proxifier", "Spark", "Thunderbird", "Windows", "Zookeeper",
    ];

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Logs", "Data", "loghub");

    private LoghubSystem(string name, byte[][] lines, List<Dictionary<string, string>> rows, LogFormat format)
    {
        Name = name;
        Lines = lines;
        Rows = rows;
        Format = format;
    }

    public string Name { get; }

    public byte[][] Lines { get; }

    public List<Dictionary<string, string>> Rows { get; }

    /// <summary>The format picked by automatic detection from the built-in catalog, or the test's pattern.</summary>
    public LogFormat Format { get; }

    /// <summary>Loads a sample, read with the format automatic detection picks, or with the test's declared pattern.</summary>
    public static LoghubSystem Load(string name, bool declared = false)
    {
        var raw = File.ReadAllBytes(Path.Combine(Root, name, $"{name}_2k.log"));
        var lines = new List<byte[]>();
        var rest = raw.AsSpan();
        while (!rest.IsEmpty)
        {
            var nl = rest.IndexOf((byte)'\n');
            var line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? default : rest[(nl + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            lines.Add(line.ToArray());
        }

        var rows = ReadCsv(Path.Combine(Root, name, $"{name}_2k.log_structured.csv"));
        var format = (declared ? CustomFormat(name) : null) ?? LogFormatDetector.Detect(raw.AsSpan(0, Math.Min(raw.Length, 64 << 10)), LogFormats.All, DefaultYear);
        return new LoghubSystem(name, [.. lines], rows, format);
    }

    /// <summary>
    /// The layouts that are not formats of the catalog: loghub's own prefixes (OpenStack's file name, BGL's and
    /// Thunderbird's alert label and epoch), cluster-specific layouts (HPC, BGL) and app-specific ones (HealthApp,
    /// Proxifier). A host would declare these the same way, with a pattern.
    /// </summary>
    public static LogFormat? CustomFormat(string name) => name switch
    {
        "BGL" => LogFormats.FromPattern("bgl", "{label} {epoch} {date} {node} {timestamp:yyyy-MM-dd-HH.mm.ss.ffffff} {node2} {type} {component} {level} {message}"),
        "HPC" => LogFormats.FromPattern("hpc", "{id} {node} {component} {state} {epoch} {flag} {message}"),
        "HealthApp" => LogFormats.FromPattern("healthapp", "{timestamp:yyyyMMdd-H:m:s:fff}|{component}|{pid}|{message}"),
        "OpenStack" => LogFormats.FromPattern("openstack", "{file} {timestamp:yyyy-MM-dd HH:mm:ss.fff} {pid} {level} {component} [{request}] {message}"),
        "Proxifier" => LogFormats.FromPattern("proxifier", "[{timestamp:MM.dd HH:mm:ss}] {component} - {message}"),
        "Thunderbird" => LogFormats.FromPattern("thunderbird", "{label} {epoch} {date} {user} {timestamp:MMM d HH:mm:ss} {location} {component}: {message}"),
        _ => null,
    };

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        var header = records[0];
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : string.Empty)).ToDictionary(x => x.h, x => x.v)).ToList();
    }
}

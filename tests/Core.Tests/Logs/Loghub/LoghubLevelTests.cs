using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Loghub;

/// <summary>
/// Reads the loghub samples that have a level column and checks, line by line, the level and message read against
/// the ground truth.
/// </summary>
public sealed class LoghubLevelTests
{
    public static TheoryData<string, string> SystemsWithLevels => new()
    {
        // system, the format automatic detection must pick (the generic reader for layouts the catalog lacks).
        { "Android", "logcat" },
        { "Apache", "apache" },
        { "BGL", "generic" },
        { "HDFS", "log4j" },
        { "Hadoop", "log4j" },
        { "Linux", "syslog" },
        { "OpenStack", "generic" },
        { "Spark", "log4j" },
        { "Windows", "cbs" },
        { "Zookeeper", "log4j" },
    };

    [Theory]
    [MemberData(nameof(SystemsWithLevels))]
    public void TryParse_LoghubSample_ReadsTheGroundTruthLevelAndMessage(string system, string expectedFormat)
    {
        var sample = LoghubSystem.Load(system);
        Assert.Equal(expectedFormat, sample.Format.Name);
        Assert.Equal(sample.Rows.Count, sample.Lines.Length);
        var scratch = new byte[1 << 16];
        for (var i = 0; i < sample.Lines.Length; i++)
        {
            var line = sample.Lines[i];
            var row = sample.Rows[i];
            var fields = new LineFields { DefaultYear = LoghubSystem.DefaultYear };
            Assert.True(sample.Format.TryParse(line, scratch, ref fields), $"{system} line {i + 1} not read: {LoghubSystem.Text(line)}");
            Assert.Equal(TimestampStatus.Parsed, fields.Timestamp);

            // Linux is BSD syslog without PRI: loghub's "Level" column there holds the host name, which syslog
            // formats read as the terminal.
            var level = system == "Linux" ? fields.Terminal : fields.Level;
            Assert.Equal(row["Level"], LoghubSystem.Text(level));

            var message = LoghubSystem.Text(fields.Message).Trim();
            var content = row["Content"].Trim();
            if (system == "Linux" && message != content)
            {
                // A handful of lines carry a tag with a blank ("syslogd 1.4.1: restart."), which RFC 3164 does not
                // allow, so the tag stays in the message.
                Assert.EndsWith(": " + content, message, StringComparison.Ordinal);
                continue;
            }

            if (expectedFormat == "generic")
            {
                // The generic reader may take a leading "component:" off the message ("ciod: failed to read …").
                Assert.EndsWith(message, content, StringComparison.Ordinal);
                continue;
            }

            Assert.Equal(content, message);
        }
    }
}

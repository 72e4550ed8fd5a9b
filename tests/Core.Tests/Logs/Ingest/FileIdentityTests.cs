using PosFleet.Logs.Ingest;

namespace PosFleet.Tests.Logs.Ingest;

/// <summary>Only a real replacement counts: another inode, or another birth time; what cannot be compared is unknown.</summary>
public sealed class FileIdentityTests
{
    [Theory]
    [InlineData("inode:42", "inode:43")]
    [InlineData("inode:42:born:1763640000.000000001", "inode:43:born:1763640000.000000001")]
    [InlineData("inode:42:born:1763640000.000000001", "inode:42:born:1763640000.000000002")]
    [InlineData("0000abcd:0000000000000001", "0000abcd:0000000000000002")]
    [InlineData("0000abcd:0000000000000001", "0000abce:0000000000000001")]
    public void IsReplacement_AnotherInodeBirthTimeOrFileIndex_True(string stored, string current) =>
        Assert.True(FileIdentity.IsReplacement(stored, current));

    [Theory]
    [InlineData("inode:42", "inode:42")]
    [InlineData("inode:42", "inode:42:born:1763640000.000000001")] // the birth time known on one side only
    [InlineData("inode:42:born:1763640000.000000001", "inode:42")]
    [InlineData("0000abcd:0000000000000001", "0000ABCD:0000000000000001")]
    public void IsReplacement_SameFile_False(string stored, string current) =>
        Assert.False(FileIdentity.IsReplacement(stored, current));

    [Theory]
    [InlineData(null, "inode:42")]
    [InlineData("inode:42", null)]
    [InlineData("2049:7:41", "inode:42")] // device and inode, as stored before the device was left out
    [InlineData("0:51:42", "inode:43")]
    [InlineData("inode:42", "0000abcd:0000000000000001")] // another platform's identity
    [InlineData("inode:x", "inode:43")]
    [InlineData("inode:42:born:soon", "inode:43")]
    [InlineData("", "inode:43")]
    public void IsReplacement_IdentityMissingOrNotRecognised_FalseSoSizeAndFingerprintDecide(string? stored, string? current) =>
        Assert.False(FileIdentity.IsReplacement(stored, current));

    [Fact]
    public void Of_FileOnLinux_InodeWithoutTheDeviceAndUnchangedByARename()
    {
        Assert.True(OperatingSystem.IsLinux(), "Linux identities are an inode and, where known, a birth time");
        using var dir = new TempDirectory();
        var path = dir.File("till.log", "x\n");
        var before = IdentityOf(path);
        File.Move(path, path + ".1");

        var after = IdentityOf(path + ".1");

        Assert.Matches(@"^inode:\d+(:born:-?\d+\.\d{9})?$", before);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Format_WithAndWithoutBirthTime_RecognisedAsTheSameInode()
    {
        var without = FileIdentity.Format(42);
        var with = FileIdentity.Format(42, 1763640000, 5);

        Assert.Equal("inode:42", without);
        Assert.Equal("inode:42:born:1763640000.000000005", with);
        Assert.False(FileIdentity.IsReplacement(without, with));
        Assert.True(FileIdentity.IsReplacement(with, FileIdentity.Format(42, 1763640000, 6)));
    }

    private static string? IdentityOf(string path)
    {
        using var handle = File.OpenHandle(path);
        return FileIdentity.Of(handle);
    }
}

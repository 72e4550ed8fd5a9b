using System.Globalization;
using System.Text;

namespace PosFleet.Status;

/// <summary>
/// An application version as a string that sorts as the version does, so that a store compares versions in its own
/// query: each number padded to 10 digits, trailing zeros dropped (<c>34</c> and <c>34.0</c> are one version), a
/// suffix after <c>-</c>, <c>+</c> or a space ignored — the rule the exchange uses for the minimum version.
/// </summary>
internal static class VersionKey
{
    /// <summary>The key of <paramref name="version"/>, or <see langword="null"/> when it cannot be read as a version.</summary>
    public static string? From(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return null;
        }

        var core = version.Trim();
        var end = core.IndexOfAny(['-', '+', ' ']);
        if (end >= 0)
        {
            core = core[..end];
        }

        var parts = core.Split('.');
        if (parts.Length > 4)
        {
            return null;
        }

        var numbers = new List<long>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 10 || !part.All(char.IsAsciiDigit))
            {
                return null;
            }

            numbers.Add(long.Parse(part, CultureInfo.InvariantCulture));
        }

        while (numbers.Count > 1 && numbers[^1] == 0)
        {
            numbers.RemoveAt(numbers.Count - 1);
        }

        var key = new StringBuilder(numbers.Count * 11);
        foreach (var number in numbers)
        {
            if (key.Length > 0)
            {
                key.Append('.');
            }

            key.Append(number.ToString("D10", CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    /// <summary>Whether a terminal on <paramref name="versionKey"/> is behind <paramref name="targetKey"/>: an unreadable version is behind any target.</summary>
    public static bool IsBehind(string? versionKey, string? targetKey) =>
        targetKey is not null && (versionKey is null || string.CompareOrdinal(versionKey, targetKey) < 0);

    /// <summary>Whether <paramref name="version"/> is <paramref name="target"/> or newer (<c>35.0</c> and <c>35.0.0</c> are one version); <see langword="false"/> when either cannot be read.</summary>
    public static bool IsAtLeast(string? version, string? target) =>
        From(target) is { } targetKey && From(version) is { } versionKey && string.CompareOrdinal(versionKey, targetKey) >= 0;
}

namespace PosFleet.Logs.Storage;

/// <summary>Words of a message as full-text search sees them: runs of letters and digits, compared case-insensitively.</summary>
internal static class LogText
{
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Whether the message holds every word of the query; a query without a word matches nothing, as in every store.</summary>
    public static bool ContainsAllWords(string message, string query)
    {
        var words = Words(query).ToList();
        if (words.Count == 0)
        {
            return false;
        }

        var have = Words(message).ToHashSet(StringComparer.Ordinal);
        return words.All(have.Contains);
    }
}

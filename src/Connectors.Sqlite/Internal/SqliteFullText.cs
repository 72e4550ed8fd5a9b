using System.Text;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>Turns the words a user typed into an FTS5 query: every word must occur (runs of letters and digits, as the unicode61 tokenizer splits them).</summary>
internal static class SqliteFullText
{
    public static string? ToMatch(string text)
    {
        var match = new StringBuilder();
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
                // Quoted, so that words such as AND, OR and NOT are searched for, not read as operators.
                match.Append(match.Length == 0 ? "" : " ").Append('"').Append(text, start, i - start).Append('"');
                start = -1;
            }
        }

        return match.Length == 0 ? null : match.ToString();
    }
}

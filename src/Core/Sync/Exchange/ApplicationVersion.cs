namespace PosFleet.Sync.Exchange;

/// <summary>Reads an application version as the back office compares it: <c>34</c>, <c>34.2</c>, <c>34.2.1-beta</c> (the suffix ignored).</summary>
internal static class ApplicationVersion
{
    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var core = text.Trim();
        var end = core.IndexOfAny(['-', '+', ' ']);
        if (end >= 0)
        {
            core = core[..end];
        }

        if (!core.Contains('.', StringComparison.Ordinal))
        {
            core += ".0";
        }

        if (!Version.TryParse(core, out var parsed) || core.Any(c => c is not ('.' or (>= '0' and <= '9'))))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}

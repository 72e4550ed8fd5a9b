using System.Diagnostics.CodeAnalysis;

namespace PosFleet.Notifications.Push;

/// <summary>
/// The push services a subscription's endpoint may point at. A browser hands the back office an endpoint URL and the
/// server later POSTs to it, so an endpoint is accepted only when it is <c>https</c> on port 443, names a host (no IP
/// address, no <c>localhost</c>, no user info) and that host is one of the allowed push services: the server is never
/// made to send to a host a user chose. The back office checks it when a browser subscribes, the push notifier again
/// before each send (for a subscription stored before the rule).
/// </summary>
public sealed class PushServiceHosts
{
    private readonly string[] _exact;
    private readonly string[] _suffixes;

    /// <summary>
    /// Creates the rule from host patterns: a host name (<c>fcm.googleapis.com</c>) or <c>*.</c> and a domain of at
    /// least two labels (<c>*.push.apple.com</c>), which matches every host under that domain but not the domain itself.
    /// </summary>
    /// <param name="patterns">The allowed hosts; at least one.</param>
    /// <exception cref="ArgumentException">No pattern, or one that is not a host name nor <c>*.</c> and a domain.</exception>
    public PushServiceHosts(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.ToArray();
        if (Check(list) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(patterns));
        }

        Patterns = [.. list.Select(p => p.ToLowerInvariant())];
        _exact = [.. Patterns.Where(p => !p.StartsWith("*.", StringComparison.Ordinal))];
        _suffixes = [.. Patterns.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..])];
    }

    /// <summary>
    /// The push services of the browsers in use: Chrome and the Chromium browsers (FCM), Firefox (Mozilla autopush),
    /// Edge (Windows Push Notification Services) and Safari (Apple).
    /// </summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "*.push.services.mozilla.com",
        "*.notify.windows.com",
        "web.push.apple.com",
        "*.push.apple.com",
    ];

    /// <summary>The rule with <see cref="DefaultPatterns"/>.</summary>
    public static PushServiceHosts Default { get; } = new(DefaultPatterns);

    /// <summary>The allowed host patterns, in lower case.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Why <paramref name="patterns"/> cannot make a rule: none at all, or patterns that are not host patterns.</summary>
    /// <param name="patterns">Host names, or <c>*.</c> and a domain of at least two labels; at least one.</param>
    /// <returns>One reason per fault, each naming the pattern and what to write instead; empty when the patterns are valid.</returns>
    public static IReadOnlyList<string> Check(IEnumerable<string?> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var errors = new List<string>();
        var any = false;
        foreach (var pattern in patterns)
        {
            any = true;
            if (CheckPattern(pattern) is { } error)
            {
                errors.Add(error);
            }
        }

        if (!any)
        {
            errors.Add("the list is empty, so no browser could subscribe; keep PushServiceHosts.DefaultPatterns (FCM, Mozilla, Windows, Apple) or name the push services your users' browsers use.");
        }

        return errors;
    }

    private static string? CheckPattern(string? pattern)
    {
        const string Shape = "write a host name such as 'fcm.googleapis.com', or '*.' and a domain such as '*.push.apple.com'";
        if (string.IsNullOrEmpty(pattern))
        {
            return $"A push service host pattern is empty; {Shape}.";
        }

        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal) || host.EndsWith('.'))
        {
            return $"'{pattern}' is not a push service host pattern (no scheme, port, path, IP address or other wildcard); {Shape}.";
        }

        return IsLocal(host.ToLowerInvariant())
            ? $"'{pattern}' names this machine, not a push service; {Shape}."
            : null;
    }

    /// <summary>Whether the server may send to <paramref name="endpoint"/>, and if not why.</summary>
    /// <param name="endpoint">A push subscription's endpoint.</param>
    /// <param name="reason">Why it is refused, naming what is wrong with it (never the whole URL, which is a secret of its own).</param>
    /// <returns><see langword="true"/> when it is an https URL on port 443 of an allowed push service host.</returns>
    public bool IsAllowed(Uri endpoint, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        reason = null;
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            reason = "the endpoint is not an https URL";
        }
        else if (endpoint.UserInfo.Length > 0)
        {
            reason = "the endpoint carries a user name or password before its host";
        }
        else if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            reason = $"the endpoint's host {endpoint.Host} is an IP address, not a push service's name";
        }
        else if (IsLocal(endpoint.IdnHost))
        {
            reason = $"the endpoint's host {endpoint.Host} is this machine, not a push service";
        }
        else if (endpoint.Port != 443)
        {
            reason = $"the endpoint's port is {endpoint.Port}; push services take notifications on 443";
        }
        else if (!Matches(endpoint.IdnHost))
        {
            reason = $"the endpoint's host {endpoint.Host} is not one of the allowed push services ({string.Join(", ", Patterns)})";
        }

        return reason is null;
    }

    private bool Matches(string host)
    {
        foreach (var exact in _exact)
        {
            if (string.Equals(host, exact, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var suffix in _suffixes)
        {
            // suffix is ".domain": a host under it has at least one label before, and the domain itself does not match.
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocal(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost.", StringComparison.OrdinalIgnoreCase)
        || host.Equals("localhost.", StringComparison.OrdinalIgnoreCase);
}

using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace PosFleet.Notifications;

/// <summary>
/// The one e-mail address grammar of PosFleet: MimeKit's parser in strict RFC 5322 mode (quoted local parts, display
/// names and internationalized domains accepted; a missing domain, a dot at either end of the local part, or two
/// dots in a row refused). Digest subscriptions validate their recipients with it and the e-mail notifiers send
/// with it, so an address a subscription accepts is exactly one the SMTP connector can send to.
/// </summary>
public static class EmailAddressSyntax
{
    private static readonly ParserOptions Strict = CreateStrictOptions();

    /// <summary>Parses one recipient: <c>ana@example.es</c>, <c>Ana Ruiz &lt;ana@example.es&gt;</c>, <c>"ana ruiz"@example.es</c> ….</summary>
    /// <param name="recipient">The recipient as typed; surrounding white space is ignored.</param>
    /// <param name="mailbox">The mailbox, when <paramref name="recipient"/> is one address.</param>
    /// <returns>Whether <paramref name="recipient"/> is exactly one valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? recipient, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        return !string.IsNullOrWhiteSpace(recipient)
            && MailboxAddress.TryParse(Strict, recipient, out mailbox)
            && mailbox.Address.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits a list of recipients at the commas and semicolons that separate them: not those inside a quoted
    /// string, a comment, angle brackets or a domain literal (<c>"Ruiz, Ana" &lt;ana@example.es&gt;; ops@example.com</c>).
    /// </summary>
    /// <param name="recipients">The list as typed.</param>
    /// <returns>Each recipient, trimmed, empty ones left out; they are not validated.</returns>
    public static IReadOnlyList<string> SplitList(string recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var parts = new List<string>();
        int start = 0, comment = 0;
        bool quoted = false, angle = false, literal = false;
        for (var i = 0; i < recipients.Length; i++)
        {
            switch (recipients[i])
            {
                case '\\' when quoted || comment > 0:
                    i++; // the escaped character is literal
                    break;
                case '"' when comment == 0:
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    comment++;
                    break;
                case ')' when !quoted && comment > 0:
                    comment--;
                    break;
                case '<' when !quoted && comment == 0:
                    angle = true;
                    break;
                case '>' when !quoted && comment == 0:
                    angle = false;
                    break;
                case '[' when !quoted && comment == 0:
                    literal = true;
                    break;
                case ']' when !quoted && comment == 0:
                    literal = false;
                    break;
                case ',' or ';' when !quoted && comment == 0 && !angle && !literal:
                    Add(recipients[start..i]);
                    start = i + 1;
                    break;
            }
        }

        Add(recipients[start..]);
        return parts;

        void Add(string part)
        {
            part = part.Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }
        }
    }

    private static ParserOptions CreateStrictOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.Rfc2047ComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        return options;
    }
}

namespace PosFleet.Connectors.Email.Internal;

/// <summary>
/// A failure that no retry can fix, because it comes from the settings or the credentials rather than from the
/// server's state: the password refused (535), no authentication offered, or a password that would go out in clear
/// text. The notifier reports it as a permanent failure of every pending recipient, with this message.
/// </summary>
internal sealed class SmtpSettingsException : Exception
{
    public SmtpSettingsException(string message)
        : base(message)
    {
    }

    public SmtpSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

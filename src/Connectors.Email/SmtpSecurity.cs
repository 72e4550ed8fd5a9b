namespace PosFleet.Connectors.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// TLS on connect for port 465, STARTTLS when the server offers it otherwise. Without TLS the message still goes,
    /// but a <see cref="SmtpNotifierOptions.UserName"/>'s password does not: that send fails for good.
    /// </summary>
    Auto = 0,

    /// <summary>No TLS, asked for explicitly: only for a relay on the same machine or a trusted network (a password then goes in clear text).</summary>
    None = 1,

    /// <summary>STARTTLS, required: the connection fails if the server does not offer it (usually port 587).</summary>
    StartTls = 2,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect = 3,
}

namespace PosFleet.Connectors.Email.Internal;

/// <summary>Opens a new SMTP connection for each attempt.</summary>
internal interface ISmtpTransportFactory
{
    ISmtpTransport Create();
}

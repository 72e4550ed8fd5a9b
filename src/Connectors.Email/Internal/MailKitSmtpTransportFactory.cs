namespace PosFleet.Connectors.Email.Internal;

internal sealed class MailKitSmtpTransportFactory : ISmtpTransportFactory
{
    public ISmtpTransport Create() => new MailKitSmtpTransport();
}

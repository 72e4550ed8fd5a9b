using PosFleet.Notifications;

namespace PosFleet.Tests.Notifications;

public sealed class NotificationResultTests
{
    [Fact]
    public void ForAll_GivesEachRecipientTheSameOutcome()
    {
        var result = NotificationResult.ForAll(["a@example.com", "b@example.com"], DeliveryStatus.TransientFailure, "connection refused");

        Assert.Equal(["a@example.com", "b@example.com"], result.Deliveries.Select(d => d.Recipient));
        Assert.All(result.Deliveries, d => Assert.Equal(new NotificationDelivery(d.Recipient, DeliveryStatus.TransientFailure, "connection refused"), d));
        Assert.False(result.AllSent);
    }

    [Fact]
    public void AllSent_OnePermanentFailure_IsFalse()
    {
        var result = new NotificationResult([new("a@example.com", DeliveryStatus.Sent), new("b@example.com", DeliveryStatus.PermanentFailure, "550")]);

        Assert.False(result.AllSent);
        Assert.True(NotificationResult.ForAll(["a@example.com"], DeliveryStatus.Sent).AllSent);
    }
}

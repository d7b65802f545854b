using Amqp;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>
/// Manages a receiver link's credit by hand: at most <c>limit</c> deliveries unsettled, and new credit is issued only
/// once all earlier credit has been used. RabbitMQ 3.x's AMQP 1.0 plugin miscounts a flow that arrives while
/// deliveries are on the wire and sends more than the credit, which AMQPNetLite answers by closing the link
/// (transfer-limit-exceeded); with no delivery on the wire when a flow is sent there is nothing to miscount.
/// Costs one round trip per refill; any broker handles it.
/// </summary>
internal sealed class ReceiveCreditWindow
{
    private readonly Lock _lock = new();
    private readonly ReceiverLink _link;
    private readonly int _limit;
    private int _outstanding;
    private int _unsettled;

    public ReceiveCreditWindow(ReceiverLink link, int limit)
    {
        _link = link;
        _limit = limit;
    }

    /// <summary>Deliveries received and not yet settled, buffered or handed out.</summary>
    public int Unsettled
    {
        get
        {
            lock (_lock)
                return _unsettled;
        }
    }

    public void Open()
    {
        lock (_lock)
            MaybeGrant();
    }

    public void OnDelivered()
    {
        lock (_lock)
        {
            _outstanding--;
            _unsettled++;
            MaybeGrant();
        }
    }

    public void OnSettled()
    {
        lock (_lock)
        {
            _unsettled--;
            MaybeGrant();
        }
    }

    private void MaybeGrant()
    {
        // Refill in chunks of at least half the window, so that a busy link is not a flow per message.
        if (_outstanding > 0 || _unsettled > _limit / 2 || _link.IsClosed)
            return;
        var credit = _limit - _unsettled;
        _outstanding += credit;
        try
        {
            _link.SetCredit(credit, CreditMode.Manual);
        }
        catch (AmqpException)
        {
            // The link is closing; the receiver notices on its next call.
        }
    }
}

using Amqp;
using Amqp.Framing;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>Attaches links and waits until the peer has really attached them, so that a refusal surfaces here with its error.</summary>
internal static class AmqpLinks
{
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<SenderLink> AttachSenderAsync(Session session, string linkName, Target target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var attached = new TaskCompletionSource<Attach>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attach = new Attach
        {
            Source = new Source { Address = linkName },
            Target = target,
            SndSettleMode = SenderSettleMode.Unsettled,
            RcvSettleMode = ReceiverSettleMode.First,
        };
        // A refusing peer answers with an attach without target, then detaches with the error.
        var link = new SenderLink(session, linkName, attach, (_, remote) =>
        {
            if (remote.Target is not null)
                attached.TrySetResult(remote);
        });
        await WaitUntilAttachedAsync(link, attached, target.Address, timeout, cancellationToken);
        return link;
    }

    public static async Task<ReceiverLink> AttachReceiverAsync(Session session, string linkName, Source source, Target target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var attached = new TaskCompletionSource<Attach>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attach = new Attach
        {
            Source = source,
            Target = target,
            SndSettleMode = SenderSettleMode.Unsettled,
            RcvSettleMode = ReceiverSettleMode.First,
        };
        var link = new ReceiverLink(session, linkName, attach, (_, remote) =>
        {
            if (remote.Source is not null)
                attached.TrySetResult(remote);
        });
        await WaitUntilAttachedAsync(link, attached, source.Address, timeout, cancellationToken);
        return link;
    }

    /// <summary>Closes links, sessions and connections without throwing; skips the handshake when the connection is gone.</summary>
    public static async Task CloseQuietlyAsync(AmqpObject? amqpObject)
    {
        if (amqpObject is null || amqpObject.IsClosed)
            return;
        try
        {
            await amqpObject.CloseAsync(s_closeTimeout, null);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // Already failing or gone: nothing left to release.
        }
    }

    private static async Task WaitUntilAttachedAsync(Link link, TaskCompletionSource<Attach> attached, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        link.AddClosedCallback((_, error) => attached.TrySetException(
            new TelemetryQueueException($"The broker refused or closed the link to '{address}': {Describe(error)}", new AmqpException(error ?? new Error(ErrorCode.DetachForced)))));
        try
        {
            await attached.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            await CloseQuietlyAsync(link);
            throw new TelemetryQueueException($"The broker did not attach the link to '{address}' within {timeout.TotalSeconds:0.#} s.", ex);
        }
        catch
        {
            await CloseQuietlyAsync(link);
            throw;
        }
    }

    public static string Describe(Error? error) => error is null ? "closed without an error" : $"{error.Condition} {error.Description}".Trim();
}

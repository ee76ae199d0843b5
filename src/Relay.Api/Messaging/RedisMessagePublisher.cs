using System.Diagnostics;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>
/// Appends and publishes each envelope with <see cref="PublishScript"/>, batched per channel by
/// <see cref="PublishBatcher"/>; pub/sub on <c>relay:{&lt;channel&gt;}:messages</c>.
/// </summary>
internal sealed class RedisMessagePublisher(
    PublishBatcher batcher,
    ApiMetrics metrics,
    ILogger<RedisMessagePublisher> logger) : IMessagePublisher
{
    // 1 while publishes fail: the outage is logged once when it starts and once when it ends, not per request.
    private int _unreachable;

    public async Task<PublishReceipt> PublishAsync(MessageEnvelope envelope, IdempotencyKey? idempotencyKey = null)
    {
        using var activity = StartActivity(envelope);

        // Pub/sub carries no trace context: the envelope does, so WsBackend can continue this trace.
        var parent = activity ?? Activity.Current;
        var traced = parent is null ? envelope : envelope with { TraceParent = parent.Id, TraceState = parent.TraceStateString };
        var fingerprint = idempotencyKey is null ? null : MessageFingerprint.Compute(envelope);

        PublishReceipt receipt;
        try
        {
            var publish = PublishScript.Prepare(traced, idempotencyKey, fingerprint, parent);
            batcher.Enqueue(publish);
            receipt = await publish.Task;
            if (Interlocked.Exchange(ref _unreachable, 0) == 1)
            {
                Log.RedisReachableAgain(logger);
            }
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            Failed(activity, ex);
            if (Interlocked.Exchange(ref _unreachable, 1) == 0)
            {
                Log.RedisUnreachable(logger, envelope.Channel, ex);
            }

            Log.PublishFailed(logger, envelope.Id, envelope.Channel, ex.Message);
            throw new BrokerUnavailableException(RedisFailures.MayHaveRun(ex), ex);
        }
        catch (Exception ex)
        {
            // Logged once, by the exception handler that turns it into a 500.
            Failed(activity, ex);
            throw;
        }

        activity?.SetTag(ApiTelemetry.PublishOutcomeTag, receipt.Outcome.ToString());
        switch (receipt.Outcome)
        {
            case PublishOutcome.Published:
                metrics.Published();
                break;
            case PublishOutcome.Replayed:
                Log.PublishReplayed(logger, envelope.Channel, receipt.Id);
                break;
            default:
                Log.IdempotencyKeyReused(logger, envelope.Channel, receipt.Id);
                break;
        }

        return receipt;
    }

    private void Failed(Activity? activity, Exception exception)
    {
        metrics.PublishFailed(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag(ApiTelemetry.ErrorTypeTag, exception.GetType().FullName);
        activity?.AddException(exception);
    }

    private static Activity? StartActivity(MessageEnvelope envelope)
    {
        if (!ApiTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ApiTelemetry.ActivitySource.StartActivity($"publish {envelope.Channel}", ActivityKind.Producer);
        activity?.SetTag(MessagingTags.System, MessagingTags.Redis)
            .SetTag(MessagingTags.OperationType, "publish")
            .SetTag(MessagingTags.DestinationName, envelope.Channel)
            .SetTag(MessagingTags.MessageId, envelope.Id);
        return activity;
    }
}

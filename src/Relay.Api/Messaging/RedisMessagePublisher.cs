using System.Diagnostics;
using System.Text.Json;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.Api.Messaging;

/// <summary>Publishes each envelope with one PUBLISH on <c>relay:channel:&lt;channel&gt;</c>.</summary>
internal sealed class RedisMessagePublisher(
    IConnectionMultiplexer redis,
    ApiMetrics metrics,
    ILogger<RedisMessagePublisher> logger) : IMessagePublisher
{
    private readonly ISubscriber _subscriber = redis.GetSubscriber();

    // 1 while publishes fail: the outage is logged once when it starts and once when it ends, not per request.
    private int _unreachable;

    public async Task PublishAsync(MessageEnvelope envelope)
    {
        using var activity = StartActivity(envelope);

        // Pub/sub carries no trace context: the envelope does, so WsBackend can continue this trace.
        var parent = activity ?? Activity.Current;
        var traced = parent is null ? envelope : envelope with { TraceParent = parent.Id, TraceState = parent.TraceStateString };
        var payload = JsonSerializer.SerializeToUtf8Bytes(traced, ContractsJsonContext.Default.MessageEnvelope);

        try
        {
            await _subscriber.PublishAsync(RedisChannel.Literal(RelayChannels.ToRedis(envelope.Channel)), payload);
            metrics.Published();
            if (Interlocked.Exchange(ref _unreachable, 0) == 1)
            {
                Log.RedisReachableAgain(logger);
            }
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            Failed(activity, ex);
            if (Interlocked.Exchange(ref _unreachable, 1) == 0)
            {
                Log.RedisUnreachable(logger, envelope.Channel, ex);
            }

            Log.PublishFailed(logger, envelope.Id, envelope.Channel, ex.Message);
            throw new BrokerUnavailableException(MayHaveBeenSent(ex), ex);
        }
        catch (Exception ex)
        {
            // Logged once, by the exception handler that turns it into a 500.
            Failed(activity, ex);
            throw;
        }
    }

    // A command still waiting to be written never reached Redis; one written, or of unknown fate, may have.
    private static bool MayHaveBeenSent(Exception exception) =>
        ((exception as RedisConnectionException)?.CommandStatus ?? (exception as RedisTimeoutException)?.Commandstatus)
            is not (CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog);

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

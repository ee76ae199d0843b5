using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Relay.Api.Options;
using Relay.Security;

namespace Relay.Api.Security;

/// <summary>
/// One token bucket per API key (its <c>PermitsPerSecond</c> and <c>Burst</c>), one per connection token subject, and
/// one per client address for every other request (no credential, a wrong key or token), so keys cannot be guessed at
/// speed. An IPv6 client's bucket is its /64, the block one
/// host usually holds. The address is the connection's, or <c>X-Forwarded-For</c>'s when the connection comes from a
/// trusted proxy (loopback only: see <see cref="SecurityServiceExtensions"/>).
/// </summary>
internal static class CallerRateLimits
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.User.Identity is CallerIdentity { Key: { } key })
        {
            return RateLimitPartition.GetTokenBucketLimiter(key.RateLimitPartition, _ => Bucket(key.PermitsPerSecond, key.Burst));
        }

        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (context.User.Identity is CallerIdentity { Grant: { } grant })
        {
            return RateLimitPartition.GetTokenBucketLimiter(TokenPartition(grant), _ => Bucket(limits.TokenPermitsPerSecond, limits.TokenBurst));
        }

        return RateLimitPartition.GetTokenBucketLimiter(
            AddressPartition(context.Connection.RemoteIpAddress), _ => Bucket(limits.AnonymousPermitsPerSecond, limits.AnonymousBurst));
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        string partition, detail;
        if (context.User.Identity is CallerIdentity { Key: { } key })
        {
            partition = key.RateLimitPartition;
            detail = $"API key '{key.Id}' may make {key.PermitsPerSecond} requests per second, {key.Burst} at once.";
        }
        else if (context.User.Identity is CallerIdentity { Grant: { } grant })
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            partition = TokenPartition(grant);
            detail = $"A connection token's holder may read {limits.TokenPermitsPerSecond} times per second, {limits.TokenBurst} at once.";
        }
        else
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            partition = AddressPartition(context.Connection.RemoteIpAddress);
            detail = $"Requests without a valid API key may come {limits.AnonymousPermitsPerSecond} per second per client address, {limits.AnonymousBurst} at once.";
        }

        Log.RateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerRateLimits)), partition, seconds);
        await AuthProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", $"{detail} Retry after {seconds} s.");
    }

    private static TokenBucketRateLimiterOptions Bucket(int permitsPerSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = permitsPerSecond,
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string TokenPartition(ConnectionGrant grant) => "token:" + grant.Subject;

    private static string AddressPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            bytes[8..].Clear();
            return "address:" + new IPAddress(bytes) + "/64";
        }

        return "address:" + address;
    }
}

using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>Reads the optional <c>Idempotency-Key</c> of a publish: 1 to 128 visible ASCII characters (0x21–0x7E).</summary>
internal static class IdempotencyKeyHeader
{
    private const string Name = HistoryLimits.IdempotencyKeyHeader;

    /// <summary>The key (null when the header is absent), or why the header is refused.</summary>
    public static (string? Key, string? Error) Read(HttpRequest request)
    {
        var values = request.Headers[Name];
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (values.Count > 1)
        {
            return (null, $"Give one {Name} header, not {values.Count}.");
        }

        var key = values[0] ?? "";
        if (key.Length is 0 or > MessageLimits.MaxIdempotencyKeyLength)
        {
            return (null, $"The {Name} must be 1 to {MessageLimits.MaxIdempotencyKeyLength} characters (was {key.Length}).");
        }

        foreach (var c in key)
        {
            if (c is < '\x21' or > '\x7E')
            {
                return (null, $"The {Name} must be visible ASCII characters only (0x21–0x7E): no spaces, control or non-ASCII characters.");
            }
        }

        return (key, null);
    }
}

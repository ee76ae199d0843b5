namespace Relay.Contracts;

/// <summary>The limits of the public contracts (docs/protocol.md).</summary>
public static class MessageLimits
{
    public const int MaxChannelLength = 64;
    public const int MaxSenderLength = 64;
    public const int MaxTextLength = 4096;

    /// <summary>The largest binary payload, decoded (its base64 form is a third longer).</summary>
    public const int MaxDataBytes = 64 * 1024;

    public const int MaxContentTypeLength = 127;

    /// <summary>The longest presence name a connection may give (<c>/ws?name=…</c>).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest <c>Idempotency-Key</c> header value.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>The largest body <c>POST /api/messages</c> accepts: room for 64 KiB of data in base64, and the rest.</summary>
    public const int MaxRequestBodyBytes = 96 * 1024;

    /// <summary>The largest text frame a WebSocket client may send.</summary>
    public const int MaxClientFrameBytes = 4096;
}

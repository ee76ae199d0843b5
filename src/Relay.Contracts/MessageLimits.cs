namespace Relay.Contracts;

/// <summary>The limits of the public contracts (docs/protocol.md).</summary>
public static class MessageLimits
{
    public const int MaxChannelLength = 64;
    public const int MaxSenderLength = 64;
    public const int MaxTextLength = 4096;

    /// <summary>The largest body <c>POST /api/messages</c> accepts.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The largest text frame a WebSocket client may send.</summary>
    public const int MaxClientFrameBytes = 4096;
}

namespace Relay.Receiver.Apis;

/// <summary>A connection token for the page, who it names (<c>sub</c>), what it grants and until when.</summary>
internal sealed record TokenResponse(string Token, string Subject, string[] Channels, DateTimeOffset ExpiresAt);

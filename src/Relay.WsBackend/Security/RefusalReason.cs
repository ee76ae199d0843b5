namespace Relay.WsBackend.Security;

/// <summary>Why a connection was refused or closed for security or a limit: the log event and the metric tag say it.</summary>
internal enum RefusalReason
{
    /// <summary>403: the page's <c>Origin</c> is not allowed.</summary>
    Origin,

    /// <summary>401: no token (or a name without one).</summary>
    TokenMissing,

    /// <summary>401: a token that is not valid.</summary>
    TokenInvalid,

    /// <summary>403: the query's <c>name</c> is not the token's <c>sub</c>.</summary>
    NameMismatch,

    /// <summary>403: a query channel the token does not grant.</summary>
    ChannelForbidden,

    /// <summary>429: the client address holds its maximum of connections.</summary>
    AddressLimit,

    /// <summary>Close 4001: the token expired without a refresh.</summary>
    TokenExpired,

    /// <summary>Close 4003: a refresh with another subject's token.</summary>
    RefreshForbidden,

    /// <summary>Error frame: a refresh with a token that is not valid.</summary>
    RefreshInvalid,

    /// <summary>Error frame: a subscribe to a channel the token does not grant.</summary>
    SubscribeForbidden,

    /// <summary>Close 4029: past the client frame rate.</summary>
    TooManyFrames,
}

using System.ComponentModel.DataAnnotations;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>
/// The body of <c>POST /api/messages</c>. Nullable: a missing field is reported by validation, not by the parser.
/// The attributes only document the rules in the OpenAPI document; <see cref="PublishRequestRules"/> enforces them.
/// </summary>
public sealed record PublishRequest(
    [property: RegularExpression(ChannelName.Pattern)] string? Channel,
    [property: StringLength(MessageLimits.MaxSenderLength, MinimumLength = 1)] string? Sender,
    [property: StringLength(MessageLimits.MaxTextLength, MinimumLength = 1)] string? Text);

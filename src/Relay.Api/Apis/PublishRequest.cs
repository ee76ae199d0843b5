using System.ComponentModel.DataAnnotations;
using Relay.Contracts;

namespace Relay.Api.Apis;

/// <summary>
/// The body of <c>POST /api/messages</c>: <see cref="Text"/>, or <see cref="Data"/> (base64) with its
/// <see cref="ContentType"/>. Nullable: a missing field is reported by validation, not by the parser.
/// The attributes only document the rules in the OpenAPI document; <see cref="PublishRequestRules"/> enforces them.
/// </summary>
public sealed record PublishRequest(
    [property: RegularExpression(ChannelName.Pattern)] string? Channel,
    [property: StringLength(MessageLimits.MaxSenderLength, MinimumLength = 1)] string? Sender,
    [property: StringLength(MessageLimits.MaxTextLength, MinimumLength = 1)] string? Text = null,
    [property: Base64String] string? Data = null,
    [property: StringLength(MessageLimits.MaxContentTypeLength, MinimumLength = 3)] string? ContentType = null);

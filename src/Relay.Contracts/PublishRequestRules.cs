using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Text.RegularExpressions;

namespace Relay.Contracts;

/// <summary>
/// The field rules of <c>POST /api/messages</c> (docs/protocol.md "Publish"). Lengths are .NET string
/// lengths, i.e. UTF-16 code units: a character outside the Basic Multilingual Plane (most emoji) counts as 2.
/// A message carries either <c>text</c>, or <c>data</c> (base64) with its <c>contentType</c>.
/// </summary>
public static partial class PublishRequestRules
{
    /// <summary>
    /// Checks every field and reports every failing one, keyed <c>channel</c>, <c>sender</c>, <c>text</c>,
    /// <c>data</c>, <c>contentType</c> (the <c>errors</c> of a validation ProblemDetails). Empty, and read-only,
    /// when the request is valid.
    /// </summary>
    public static IDictionary<string, string[]> Validate(
        string? channel, string? sender, string? text, string? data = null, string? contentType = null)
    {
        var channelError = ChannelError(channel);
        var senderError = SenderError(sender);
        var (textError, dataError, contentTypeError) = data is null && contentType is null
            ? (TextError(text), null, null)
            : (text is null ? null : "Give either text or data, not both.", DataError(data), ContentTypeError(contentType));
        if (channelError is null && senderError is null && textError is null && dataError is null && contentTypeError is null)
        {
            // The valid case is the hot path: no allocation.
            return ReadOnlyDictionary<string, string[]>.Empty;
        }

        var errors = new Dictionary<string, string[]>(5, StringComparer.Ordinal);
        Add(errors, "channel", channelError);
        Add(errors, "sender", senderError);
        Add(errors, "text", textError);
        Add(errors, "data", dataError);
        Add(errors, "contentType", contentTypeError);
        return errors;
    }

    /// <summary>Whether <paramref name="contentType"/> looks like <c>type/subtype</c> (parameters allowed).</summary>
    public static bool IsContentType(string contentType) => ContentTypeRegex().IsMatch(contentType);

    private static void Add(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static string? ChannelError(string? channel) =>
        string.IsNullOrEmpty(channel) ? "The channel is required."
        : ChannelName.IsValid(channel) ? null
        : $"The channel must match {ChannelName.Pattern}: a letter or digit, then up to {MessageLimits.MaxChannelLength - 1} letters, digits or _ . : -";

    private static string? SenderError(string? sender) =>
        string.IsNullOrWhiteSpace(sender) ? "The sender is required and must not be only white space."
        : sender.Length > MessageLimits.MaxSenderLength ? $"The sender must be at most {MessageLimits.MaxSenderLength} characters."
        : null;

    private static string? TextError(string? text) =>
        string.IsNullOrEmpty(text) ? "The text is required (or data with its contentType)."
        : text.Length > MessageLimits.MaxTextLength ? $"The text must be at most {MessageLimits.MaxTextLength} characters."
        : null;

    private static string? DataError(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return "The data is required with a contentType: base64, at least 1 byte.";
        }

        if (!Base64.IsValid(data.AsSpan(), out var decodedLength))
        {
            return "The data must be base64 (RFC 4648, with padding).";
        }

        return decodedLength > MessageLimits.MaxDataBytes
            ? $"The data must be at most {MessageLimits.MaxDataBytes} bytes decoded; it is {decodedLength}."
            : null;
    }

    private static string? ContentTypeError(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? "The contentType is required with data, e.g. image/png."
        : contentType.Length > MessageLimits.MaxContentTypeLength ? $"The contentType must be at most {MessageLimits.MaxContentTypeLength} characters."
        : IsContentType(contentType) ? null
        : "The contentType must be a media type: type/subtype, e.g. image/png or application/octet-stream.";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=(""[^""\\\r\n]*""|[A-Za-z0-9!#$&^_.+-]+))*$")]
    private static partial Regex ContentTypeRegex();
}

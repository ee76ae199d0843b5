using System.Collections.ObjectModel;

namespace Relay.Contracts;

/// <summary>
/// The field rules of <c>POST /api/messages</c> (docs/protocol.md "Publish"). Lengths are .NET string
/// lengths, i.e. UTF-16 code units: a character outside the Basic Multilingual Plane (most emoji) counts as 2.
/// </summary>
public static class PublishRequestRules
{
    /// <summary>
    /// Checks every field and reports every failing one, keyed <c>channel</c>, <c>sender</c>, <c>text</c>
    /// (the <c>errors</c> of a validation ProblemDetails). Empty, and read-only, when the request is valid.
    /// </summary>
    public static IDictionary<string, string[]> Validate(string? channel, string? sender, string? text)
    {
        var channelError = ChannelError(channel);
        var senderError = SenderError(sender);
        var textError = TextError(text);
        if (channelError is null && senderError is null && textError is null)
        {
            // The valid case is the hot path: no allocation.
            return ReadOnlyDictionary<string, string[]>.Empty;
        }

        var errors = new Dictionary<string, string[]>(3, StringComparer.Ordinal);
        if (channelError is not null)
        {
            errors["channel"] = [channelError];
        }

        if (senderError is not null)
        {
            errors["sender"] = [senderError];
        }

        if (textError is not null)
        {
            errors["text"] = [textError];
        }

        return errors;
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
        string.IsNullOrEmpty(text) ? "The text is required."
        : text.Length > MessageLimits.MaxTextLength ? $"The text must be at most {MessageLimits.MaxTextLength} characters."
        : null;
}

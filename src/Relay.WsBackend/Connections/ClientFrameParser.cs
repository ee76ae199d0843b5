using System.Text.Json;
using Relay.Contracts;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Parses <c>{"type":"subscribe","channel":"x","since":{"offset":41,"epoch":"E"}}</c> (<c>since</c> optional) and
/// <c>{"type":"unsubscribe","channel":"x"}</c> and <c>{"type":"refresh","token":"&lt;jwt&gt;"}</c>. Every refusal says exactly what was wrong, because the error frame
/// is all a client developer gets.
/// </summary>
internal static class ClientFrameParser
{
    private const string SubscribeType = "subscribe";
    private const string UnsubscribeType = "unsubscribe";
    private const string RefreshType = "refresh";
    private const string ExpectedTypes = "expected \"subscribe\", \"unsubscribe\" or \"refresh\"";

    // Echoed client values are cut short: an error frame should not mirror a 4 KiB frame back.
    private const int MaxEchoedLength = 80;

    private const string SinceShape = "{\"offset\":<integer ≥ 0>,\"epoch\":\"<epoch>\"}";

    public static ClientFrame Parse(ReadOnlySpan<byte> utf8)
    {
        Fields fields;
        try
        {
            fields = ReadFields(utf8);
        }
        catch (JsonException)
        {
            return ClientFrame.Invalid("the frame is not valid JSON");
        }

        if (fields.Error is not null)
        {
            return ClientFrame.Invalid(fields.Error);
        }

        var kind = fields.Type switch
        {
            SubscribeType => ClientFrameKind.Subscribe,
            UnsubscribeType => ClientFrameKind.Unsubscribe,
            RefreshType => ClientFrameKind.Refresh,
            _ => ClientFrameKind.Invalid,
        };

        if (kind == ClientFrameKind.Invalid)
        {
            return ClientFrame.Invalid(fields.Type is null
                ? $"the frame has no \"type\" ({ExpectedTypes})"
                : $"unknown type \"{Echo(fields.Type)}\" ({ExpectedTypes})");
        }

        if (kind == ClientFrameKind.Refresh)
        {
            // The token is never echoed: an error frame may end up in a log.
            return string.IsNullOrEmpty(fields.Token) ? ClientFrame.Invalid("\"refresh\" needs a \"token\"") : ClientFrame.Refresh(fields.Token);
        }

        if (fields.Channel is null)
        {
            return ClientFrame.Invalid($"\"{fields.Type}\" needs a \"channel\"");
        }

        if (!ChannelName.IsValid(fields.Channel))
        {
            return ClientFrame.Invalid(
                $"invalid channel \"{Echo(fields.Channel)}\": a channel is a letter or digit, then up to 63 letters, digits or _ . : -");
        }

        if (fields.Since is not null && kind != ClientFrameKind.Subscribe)
        {
            return ClientFrame.Invalid($"\"since\" belongs to \"subscribe\" only, not \"{fields.Type}\"");
        }

        return new ClientFrame(kind, fields.Channel, null, fields.Since);
    }

    /// <summary>Reads the whole frame, so malformed JSON anywhere wins over a field-level complaint.</summary>
    private static Fields ReadFields(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read())
        {
            throw new JsonException("empty frame");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            ReadToEnd(ref reader);
            return new Fields(null, null, null, null, "the frame must be a JSON object");
        }

        string? type = null;
        string? channel = null;
        string? token = null;
        ClientPosition? since = null;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = ReadString(ref reader, "type", ref error);
            }
            else if (reader.ValueTextEquals("channel"u8))
            {
                channel = ReadString(ref reader, "channel", ref error);
            }
            else if (reader.ValueTextEquals("token"u8))
            {
                token = ReadString(ref reader, "token", ref error);
            }
            else if (reader.ValueTextEquals("since"u8))
            {
                since = ReadSince(ref reader, ref error);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        ReadToEnd(ref reader);
        return new Fields(type, channel, token, since, error);
    }

    /// <summary>Reads <c>since</c>; <c>null</c> counts as absent. The reader ends on the value's last token.</summary>
    private static ClientPosition? ReadSince(ref Utf8JsonReader reader, ref string? error)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error ??= $"\"since\" must be an object {SinceShape}";
            reader.Skip();
            return null;
        }

        long? offset = null;
        string? epoch = null;
        string? sinceError = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("offset"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0)
                {
                    offset = value;
                }
                else
                {
                    sinceError ??= "\"since.offset\" must be an integer ≥ 0";
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("epoch"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    epoch = reader.GetString();
                    if (ClientPosition.EpochError(epoch!) is { } epochError)
                    {
                        sinceError ??= $"\"since.epoch\" {epochError}";
                    }
                }
                else
                {
                    sinceError ??= "\"since.epoch\" must be a string";
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        sinceError ??= offset is null ? $"\"since\" needs an \"offset\": {SinceShape}"
            : epoch is null ? $"\"since\" needs an \"epoch\": {SinceShape}"
            : null;
        if (sinceError is not null)
        {
            error ??= sinceError;
            return null;
        }

        return new ClientPosition(offset!.Value, epoch!);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, ref string? error)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        error ??= $"\"{name}\" must be a string";
        reader.Skip();
        return null;
    }

    // The reader throws on trailing content or truncation only when asked to read past it.
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private static string Echo(string value) =>
        value.Length <= MaxEchoedLength ? value : string.Concat(value.AsSpan(0, MaxEchoedLength), "…");

    private readonly record struct Fields(string? Type, string? Channel, string? Token, ClientPosition? Since, string? Error);
}

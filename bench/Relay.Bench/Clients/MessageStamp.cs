using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Relay.Bench.Clients;

/// <summary>
/// The fan-out's message text <c>"&lt;sequence&gt;:&lt;send timestamp&gt;"</c>: digits and a colon only, so the
/// WebSocket frame carries it unescaped and a subscriber finds it without parsing the JSON.
/// </summary>
internal static class MessageStamp
{
    private static readonly byte[] s_textProperty = "\"text\":\""u8.ToArray();

    /// <summary>The request body of one publish, serialized once before it is sent.</summary>
    public static byte[] Body(string channel, long sequence, long sentTimestamp) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"channel":"{{channel}}","sender":"bench","text":"{{sequence}}:{{sentTimestamp}}"}"""));

    /// <summary>Reads the sequence and send timestamp from a server <c>message</c> frame.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out long sequence, out long sentTimestamp)
    {
        sequence = 0;
        sentTimestamp = 0;
        var start = frame.IndexOf(s_textProperty);
        if (start < 0)
        {
            return false;
        }

        var text = frame[(start + s_textProperty.Length)..];
        if (!Utf8Parser.TryParse(text, out sequence, out var consumed) || consumed >= text.Length || text[consumed] != (byte)':')
        {
            return false;
        }

        text = text[(consumed + 1)..];
        return Utf8Parser.TryParse(text, out sentTimestamp, out consumed) && consumed < text.Length && text[consumed] == (byte)'"';
    }
}

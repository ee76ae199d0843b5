using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Relay.Contracts;

namespace Relay.Api.Messaging;

/// <summary>
/// SHA-256 over what makes two publishes the same message: channel, sender, text, data and contentType. Tells a
/// retry (same fingerprint) from a reuse of its <c>Idempotency-Key</c> for another message.
/// </summary>
internal static class MessageFingerprint
{
    public static string Compute(MessageEnvelope envelope)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, envelope.Channel);
        Append(hash, envelope.Sender);
        Append(hash, envelope.Text);
        Append(hash, envelope.Data);
        Append(hash, envelope.ContentType);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // A presence byte and a length before each field's UTF-16 code units: no two different field lists hash the same
    // input (null differs from "", and ("ab","c") from ("a","bc")); the raw code units keep even lone surrogates apart.
    private static void Append(IncrementalHash hash, string? field)
    {
        Span<byte> header = stackalloc byte[5];
        if (field is null)
        {
            header[0] = 0;
            hash.AppendData(header[..1]);
            return;
        }

        header[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], field.Length);
        hash.AppendData(header);
        hash.AppendData(MemoryMarshal.AsBytes(field.AsSpan()));
    }
}

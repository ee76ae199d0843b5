using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Relay.Dashboard.Otlp;

/// <summary>Reads an OTLP/HTTP body, gunzipping it when the exporter compressed it.</summary>
internal static class OtlpHttpBody
{
    /// <summary>Also the gRPC message limit: far above a 512-item batch, low enough to bound one request's memory.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public static async Task<(OtlpBodyStatus Status, ReadOnlyMemory<byte> Body)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (OtlpBodyStatus.UnsupportedEncoding, default);
        }

        // The request body itself belongs to Kestrel: only the decompressor is ours to dispose.
        await using var decompressor = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = decompressor ?? request.Body;

        // The limit applies after decompression, so a small gzip bomb cannot expand without bound.
        var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (OtlpBodyStatus.TooLarge, default);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (set by the caller) fires first on an uncompressed body with a Content-Length.
            return (OtlpBodyStatus.TooLarge, default);
        }
        catch (InvalidDataException) when (gzip)
        {
            return (OtlpBodyStatus.CorruptCompression, default);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (OtlpBodyStatus.Ok, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}

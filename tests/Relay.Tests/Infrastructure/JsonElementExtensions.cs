using System.Text.Json;

namespace Relay.Tests.Infrastructure;

internal static class JsonElementExtensions
{
    public static string? Type(this JsonElement frame) =>
        frame.ValueKind == JsonValueKind.Object && frame.TryGetProperty("type", out var type) ? type.GetString() : null;
}

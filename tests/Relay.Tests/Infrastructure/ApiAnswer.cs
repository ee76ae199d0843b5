using System.Net;
using System.Text.Json;

namespace Relay.Tests.Infrastructure;

/// <summary>An Api answer read in full: status, the headers a test looks at, and the JSON body.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string? Replayed, JsonElement Body, string Text)
{
    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestTimeouts.After(TestTimeouts.Step));
        var body = default(JsonElement);
        if (text.Length > 0)
        {
            using var json = JsonDocument.Parse(text);
            body = json.RootElement.Clone();
        }

        var replayed = response.Headers.TryGetValues(Contracts.HistoryLimits.IdempotentReplayedHeader, out var values)
            ? string.Join(",", values)
            : null;
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, replayed, body, text);
    }

    /// <summary>Asserts the status, naming the body when it is another.</summary>
    public ApiAnswer Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        return this;
    }

    /// <summary>Asserts a ProblemDetails answer with this status.</summary>
    public ApiAnswer ExpectProblem(HttpStatusCode status)
    {
        Expect(status);
        Assert.Equal("application/problem+json", MediaType);
        Assert.Equal((int)status, Body.GetProperty("status").GetInt32());
        return this;
    }
}

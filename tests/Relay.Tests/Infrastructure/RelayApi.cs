using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relay.Contracts;

namespace Relay.Tests.Infrastructure;

/// <summary>The Api's publish (with positions, idempotency and binary payloads), history and presence calls.</summary>
internal static class RelayApi
{
    public static async Task<ApiAnswer> PostAsync(HttpClient api, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RelayRoutes.Messages) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(HistoryLimits.IdempotencyKeyHeader, idempotencyKey));
        }

        using var response = await api.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        return await ApiAnswer.ReadAsync(response);
    }

    /// <summary>Publishes a text message and asserts the 202 with its position.</summary>
    public static async Task<PublishedMessage> PublishAsync(HttpClient api, string channel, string text, string? idempotencyKey = null)
    {
        var answer = await PostAsync(api, new { channel, sender = "tests", text }, idempotencyKey);
        return PublishedMessage.From(answer.Expect(HttpStatusCode.Accepted).Body);
    }

    /// <summary>Publishes a binary message and asserts the 202 with its position.</summary>
    public static async Task<PublishedMessage> PublishDataAsync(HttpClient api, string channel, byte[] data, string contentType)
    {
        var answer = await PostAsync(api, new { channel, sender = "tests", data = Convert.ToBase64String(data), contentType });
        return PublishedMessage.From(answer.Expect(HttpStatusCode.Accepted).Body);
    }

    /// <summary>Publishes <paramref name="count"/> texts in order; returns their 202 answers.</summary>
    public static async Task<List<PublishedMessage>> PublishManyAsync(HttpClient api, string channel, int count, string prefix = "m")
    {
        var published = new List<PublishedMessage>(count);
        for (var i = 0; i < count; i++)
        {
            published.Add(await PublishAsync(api, channel, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}")));
        }

        return published;
    }

    /// <summary><c>GET /api/channels/{channel}/messages</c> with a raw query (e.g. <c>since=3&amp;limit=2</c>).</summary>
    public static async Task<ApiAnswer> GetHistoryAsync(HttpClient api, string channel, string query = "")
    {
        var path = RelayRoutes.ChannelMessages(channel) + (query.Length > 0 ? "?" + query : "");
        using var response = await api.GetAsync(path, TestTimeouts.After(TestTimeouts.Step));
        return await ApiAnswer.ReadAsync(response);
    }

    public static async Task<ApiAnswer> GetPresenceAsync(HttpClient api, string channel)
    {
        using var response = await api.GetAsync(RelayRoutes.ChannelPresence(channel), TestTimeouts.After(TestTimeouts.Step));
        return await ApiAnswer.ReadAsync(response);
    }

    /// <summary>Polls the presence list until <paramref name="done"/> holds for its members; fails after a step.</summary>
    public static async Task<JsonElement> WaitForPresenceAsync(HttpClient api, string channel, Func<JsonElement[], bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Step);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = default(JsonElement);
        try
        {
            while (true)
            {
                last = (await GetPresenceAsync(api, channel)).Expect(HttpStatusCode.OK).Body;
                if (done([.. last.GetProperty("members").EnumerateArray()]))
                {
                    return last;
                }

                await poll.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The presence of '{channel}' did not reach the expected state: {last}");
        }
    }

    public static string UniqueChannel(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

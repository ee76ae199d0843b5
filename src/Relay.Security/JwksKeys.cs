using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Relay.Security;

/// <summary>
/// The signing keys of <see cref="ConnectionTokenOptions.JwksUrl"/>: read at start, every
/// <see cref="ConnectionTokenOptions.JwksRefreshInterval"/>, and at most every 30 s when a token names a key not
/// (yet) known, so a rotation is picked up. Empty without a JWKS URL. A failed read keeps the last keys.
/// </summary>
public sealed partial class JwksKeys(IOptions<ConnectionTokenOptions> options, IHttpClientFactory httpClients, ILogger<JwksKeys> logger)
    : BackgroundService
{
    public const string HttpClientName = "jwks";
    private static readonly TimeSpan MinRefreshGap = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private IReadOnlyList<SecurityKey> _current = [];
    private long _lastRead;

    public IReadOnlyList<SecurityKey> Current => Volatile.Read(ref _current);

    /// <summary>Reads the JWKS again unless it was read in the last 30 s; true when it was read now.</summary>
    public async Task<bool> RefreshIfStaleAsync()
    {
        if (options.Value.JwksUrl is null || Environment.TickCount64 - Interlocked.Read(ref _lastRead) < MinRefreshGap.TotalMilliseconds)
        {
            return false;
        }

        await _refreshing.WaitAsync();
        try
        {
            if (Environment.TickCount64 - Interlocked.Read(ref _lastRead) < MinRefreshGap.TotalMilliseconds)
            {
                return false;
            }

            await ReadAsync(CancellationToken.None);
            return true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.JwksUrl is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.JwksRefreshInterval);
        do
        {
            await _refreshing.WaitAsync(stoppingToken);
            try
            {
                await ReadAsync(stoppingToken);
            }
            finally
            {
                _refreshing.Release();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.JwksUrl!;
        Interlocked.Exchange(ref _lastRead, Environment.TickCount64);
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            var json = await client.GetStringAsync(url, cancellationToken);
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            Volatile.Write(ref _current, [.. keys]);
            LogRead(logger, url, keys.Count);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException)
        {
            LogReadFailed(logger, url, exception.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Read {KeyCount} signing keys from the JWKS at {JwksUrl}.")]
    private static partial void LogRead(ILogger logger, Uri jwksUrl, int keyCount);

    [LoggerMessage(2, LogLevel.Warning, "Could not read the JWKS at {JwksUrl}: {Reason}. The last keys read stay in use.")]
    private static partial void LogReadFailed(ILogger logger, Uri jwksUrl, string reason);
}

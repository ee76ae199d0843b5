namespace Relay.Hosting.Redis;

/// <summary>Where a Redis is and how to log in: what a StackExchange.Redis connection string says.</summary>
internal sealed record RedisEndpoint(string Host, int Port, string? User, string? Password)
{
    public const int DefaultPort = 6379;

    public Uri Uri => new($"tcp://{Host}:{Port}");

    /// <summary>The StackExchange.Redis format: <c>host:port,password=…</c>.</summary>
    public string ToConnectionString() => Password is null ? $"{Host}:{Port}" : $"{Host}:{Port},password={Password}";

    /// <summary>Reads the first endpoint and the credentials of a StackExchange.Redis connection string.</summary>
    public static RedisEndpoint? TryParse(string connectionString)
    {
        string? address = null, user = null, password = null;
        foreach (var part in connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                address ??= part;
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = value;
            }
            else if (key.Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                user = value;
            }
        }

        if (address is null)
        {
            return null;
        }

        var colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            return new RedisEndpoint(address, DefaultPort, user, password);
        }

        return int.TryParse(address[(colon + 1)..], out var port) && port is > 0 and <= 65535
            ? new RedisEndpoint(address[..colon].Trim('[', ']'), port, user, password)
            : null;
    }
}

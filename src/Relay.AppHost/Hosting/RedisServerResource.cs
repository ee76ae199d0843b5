namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Redis as a local <c>redis-server</c> process: what <c>AddRedis</c> is where no container engine runs. Its
/// settings, the password among them, are in a config file it is given, so none of them shows on a command line.
/// </summary>
public sealed class RedisServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, RedisServerResource.ExecutableName, workingDirectory), IResourceWithConnectionString
{
    public const string ExecutableName = "redis-server";
    public const string PrimaryEndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    /// <summary>The StackExchange.Redis form, as Aspire's Redis resource gives it: <c>host:port,password=…</c>.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}

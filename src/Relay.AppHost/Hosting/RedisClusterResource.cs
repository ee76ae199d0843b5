namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A local Redis Cluster under one connection name: its <see cref="Nodes"/> run as child resources, and this resource
/// runs (and is healthy) once they form one cluster whose masters all report <c>cluster_state:ok</c>.
/// </summary>
public sealed class RedisClusterResource(string name, ParameterResource password, int masters, int replicasPerMaster)
    : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    private readonly List<RedisClusterNodeResource> _nodes = [];

    public ParameterResource PasswordParameter { get; } = password;

    public int Masters { get; } = masters;

    public int ReplicasPerMaster { get; } = replicasPerMaster;

    /// <summary>
    /// Every node, <c>{name}-node-1</c> first. When the cluster is formed, nodes 1 to <see cref="Masters"/> are the
    /// masters and node <see cref="Masters"/> + k replicates master ((k - 1) mod <see cref="Masters"/>) + 1; failovers
    /// change that later.
    /// </summary>
    public IReadOnlyList<RedisClusterNodeResource> Nodes => _nodes;

    /// <summary>
    /// The StackExchange.Redis form, every node and the password: <c>127.0.0.1:p1,127.0.0.1:p2,…,password=…</c>.
    /// 127.0.0.1 rather than localhost: the nodes name each other so, and a client would otherwise hold two names for one node.
    /// </summary>
    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var builder = new ReferenceExpressionBuilder();
            foreach (var node in _nodes)
            {
                builder.Append($"127.0.0.1:{node.PrimaryEndpoint.Property(EndpointProperty.Port)},");
            }

            builder.Append($"password={PasswordParameter}");
            return builder.Build();
        }
    }

    internal void Add(RedisClusterNodeResource node) => _nodes.Add(node);
}

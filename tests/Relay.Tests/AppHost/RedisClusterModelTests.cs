using Microsoft.Extensions.DependencyInjection;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.AppHost;

/// <summary>The app model with <c>Relay:RedisCluster:Masters</c> set: built, not started.</summary>
[Trait("Category", "AppHost")]
public sealed class RedisClusterModelTests
{
    [Fact]
    public async Task ThreeMastersWithAReplicaEach_AreSixNodesUnderRedis_WhoseConnectionStringNamesEveryNodeAndThePassword()
    {
        var state = Directory.CreateTempSubdirectory("relay-cluster-model-").FullName;
        try
        {
            var cancellation = TestTimeouts.After(TestTimeouts.Step);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
                [.. TestCredentials.AppHostArguments, .. ClusterArguments(masters: 3), $"--Relay:StateDirectory={state}"], cancellation);
            await using var app = await builder.BuildAsync(cancellation);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();

            var cluster = Assert.Single(model.Resources.OfType<RedisClusterResource>());
            Assert.Equal(ResourceNames.Redis, cluster.Name);
            Assert.Empty(model.Resources.OfType<RedisServerResource>());
            Assert.True(cluster.HasAnnotationOfType<HealthCheckAnnotation>());
            var nodes = model.Resources.OfType<RedisClusterNodeResource>().ToList();
            Assert.Equal([.. Enumerable.Range(1, 6).Select(i => $"{ResourceNames.Redis}-node-{i}")], nodes.Select(node => node.Name));
            Assert.Equal(nodes, cluster.Nodes);
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                Assert.Same(cluster, node.Annotations.OfType<ResourceRelationshipAnnotation>().Single(r => r.Type == "Parent").Resource);
                Assert.Equal(Path.Combine(state, "redis-cluster", $"node-{i + 1}"), node.DataDirectory);
                Assert.Equal(2, node.Annotations.OfType<EndpointAnnotation>().Count());
                Assert.All(node.Annotations.OfType<EndpointAnnotation>(), endpoint => Assert.False(endpoint.IsProxied));
                Assert.False(node.HasAnnotationOfType<RestartOnCrashAnnotation>());
            }

            var expected = string.Concat(nodes.Select(node => $"127.0.0.1:{{{node.Name}.bindings.tcp.port}},")) + $"password={{{cluster.PasswordParameter.Name}.value}}";
            Assert.Equal(expected, cluster.ConnectionStringExpression.ValueExpression);
            Assert.True(cluster.PasswordParameter.Secret);

            var password = await cluster.PasswordParameter.GetValueAsync(cancellation);
            Assert.False(string.IsNullOrEmpty(password));
            foreach (var node in nodes)
            {
                var arguments = new List<object>();
                foreach (var callback in node.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
                {
                    await callback.Callback(new CommandLineArgsCallbackContext(arguments, node, cancellation));
                }

                Assert.Equal(Path.Combine(node.DataDirectory, "redis.conf"), arguments[0]);
                Assert.DoesNotContain(arguments, argument => argument is ParameterResource
                    || argument is IValueWithReferences withReferences && withReferences.References.OfType<ParameterResource>().Any());
                Assert.DoesNotContain(arguments.OfType<string>(), argument => argument.Contains(password, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FewerThanThreeMasters_FailTheAppHost_SayingWhy(int masters)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
                [.. TestCredentials.AppHostArguments, .. ClusterArguments(masters), "--Relay:StateDirectory=" + Path.GetTempPath()],
                TestTimeouts.After(TestTimeouts.Step));
        });

        Assert.Contains($"Relay:RedisCluster:Masters is {masters}: a Redis Cluster needs at least 3 masters", failure.ToString(), StringComparison.Ordinal);
    }

    private static string[] ClusterArguments(int masters) =>
        [$"--Relay:RedisCluster:Masters={masters}", "--Relay:RedisCluster:ReplicasPerMaster=1"];
}

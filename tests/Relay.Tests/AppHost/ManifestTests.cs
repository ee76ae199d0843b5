using System.Diagnostics;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.AppHost;

/// <summary>The manifest publisher, as docs/deploy.md has a person run it.</summary>
[Trait("Category", "AppHost")]
public sealed class ManifestTests
{
    [Fact]
    public async Task ManifestPublisher_DescribesRedisAsAContainer_AndTheFourProjectsWithTheirReferences()
    {
        var output = Directory.CreateTempSubdirectory("relay-manifest-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "run", "--no-build", "--project", Projects.Relay_AppHost.ProjectPath, "--", "--publisher", "manifest", "--output-path", output })
            {
                start.ArgumentList.Add(argument);
            }

            using var publisher = Process.Start(start)!;
            var cancellation = TestContext.Current.CancellationToken;
            var log = Task.WhenAll(publisher.StandardOutput.ReadToEndAsync(cancellation), publisher.StandardError.ReadToEndAsync(cancellation));
            try
            {
                // An unknown publisher would run the deploy pipeline and hang: bounded.
                await publisher.WaitForExitAsync(cancellation).WaitAsync(TestTimeouts.Recovery * 2, cancellation);
            }
            finally
            {
                if (!publisher.HasExited)
                {
                    publisher.Kill(entireProcessTree: true);
                }
            }

            Assert.True(publisher.ExitCode == 0, string.Join("\n", await log));
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json"), cancellation));
            var resources = manifest.RootElement.GetProperty("resources");

            var redis = resources.GetProperty(ResourceNames.Redis);
            Assert.Equal("container.v0", redis.GetProperty("type").GetString());
            Assert.StartsWith("docker.io/library/redis:", redis.GetProperty("image").GetString());
            foreach (var project in new[] { ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver })
            {
                Assert.Equal("project.v0", resources.GetProperty(project).GetProperty("type").GetString());
            }

            Assert.Equal("{redis.connectionString}", Env(resources, ResourceNames.Api, "ConnectionStrings__redis"));
            Assert.Equal("{redis.connectionString}", Env(resources, ResourceNames.WsBackend, "ConnectionStrings__redis"));
            Assert.Equal("{api.bindings.http.url}", Env(resources, ResourceNames.Sender, "services__api__http__0"));
            Assert.Equal("{wsbackend.bindings.http.url}", Env(resources, ResourceNames.Receiver, "services__wsbackend__http__0"));
            Assert.True(resources.GetProperty(ResourceNames.Receiver).GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string? Env(JsonElement resources, string resource, string name) =>
        resources.GetProperty(resource).GetProperty("env").GetProperty(name).GetString();
}

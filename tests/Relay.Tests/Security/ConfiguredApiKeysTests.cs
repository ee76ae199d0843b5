using Microsoft.Extensions.DependencyInjection;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>Further API keys from the AppHost's configuration (<c>Relay:ApiKeys:&lt;id&gt;</c>): built, not started.</summary>
public sealed class ConfiguredApiKeysTests
{
    [Fact]
    public async Task ConfiguredKey_BecomesASecretParameter_AndTheApisSettings()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
            [.. TestCredentials.AppHostArguments, "--Relay:StateDirectory=" + Path.GetTempPath()], TestTimeouts.After(TestTimeouts.Step));
        await using var app = await builder.BuildAsync(TestTimeouts.After(TestTimeouts.Step));
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var parameter = Assert.Single(model.Resources.OfType<ParameterResource>(), p => p.Name == $"{ResourceNames.ApiKey}-news-only");
        Assert.True(parameter.Secret);
        var api = model.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Api);
        // Obsolete in favour of ExecutionConfigurationBuilder, which needs a started app; this reads the model only.
#pragma warning disable CS0618
        var environment = await api.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
        // The key itself travels as a secret file, the rest as plain variables.
        Assert.DoesNotContain("ApiKeys__news-only__Key", environment.Keys);
        var secrets = environment[SecretFiles.DirectoryVariable];
        try
        {
            Assert.Equal(
                TestCredentials.NewsOnlyKey,
                await File.ReadAllTextAsync(Path.Combine(secrets, "ApiKeys__news-only__Key"), TestContext.Current.CancellationToken));
        }
        finally
        {
            // The app never starts, so its own cleanup never runs.
            Directory.Delete(Path.GetDirectoryName(secrets)!, recursive: true);
        }

        Assert.Equal("news.*", environment["ApiKeys__news-only__Channels__0"]);
        Assert.Equal(TestCredentials.LimitedPermitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ApiKeys__limited__PermitsPerSecond"]);
    }

    [Theory]
    [InlineData("--Relay:ApiKeys:bad_id:Key=0123456789abcdefghijklmnopqrstuvwxyz", "Relay:ApiKeys:bad_id")]
    [InlineData("--Relay:ApiKeys:sender:Key=0123456789abcdefghijklmnopqrstuvwxyz", "Relay:ApiKeys:sender")]
    [InlineData("--Relay:ApiKeys:reader:Channels:0=*", "Relay:ApiKeys:reader:Key")]
    public async Task BadConfiguredKey_FailsTheAppHost_NamingTheKey(string argument, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
                [.. TestCredentials.AppHostArguments, argument], TestTimeouts.After(TestTimeouts.Step));
        });

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }
}

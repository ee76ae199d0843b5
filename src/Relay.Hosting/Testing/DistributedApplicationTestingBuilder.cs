using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;

namespace Relay.Hosting.Testing;

/// <summary>
/// Runs an AppHost's entry point only as far as its Build, to take its app model in testing mode: random
/// ports, Redis without persistence, no state folder, nothing printed.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <typeparam name="TEntryPoint">A generated <c>Projects.X</c> type naming the AppHost, or any type of the AppHost assembly.</typeparam>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(
        string[]? args = null,
        CancellationToken cancellationToken = default) where TEntryPoint : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var assembly = AppHostAssembly.Resolve(typeof(TEntryPoint));
        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point: it is not an AppHost.");

        var hook = new TestingHook();
        using (TestingHook.Install(hook))
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args ?? []]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is HostAbortedException && hook.Builder is not null)
            {
                // The expected way out: Build handed the builder over and unwound the entry point.
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
            }
        }

        var builder = hook.Builder ?? throw new InvalidOperationException(
            $"The entry point of {assembly.GetName().Name} returned without calling Build() on a builder from DistributedApplication.CreateBuilder.");
        return Task.FromResult<IDistributedApplicationTestingBuilder>(new TestingApplicationBuilder(builder));
    }
}

namespace Relay.Hosting.Testing;

/// <summary>
/// Set by the test host around its call of the AppHost's entry point: the builder created under it runs in
/// testing mode, and its Build hands the builder over instead of building.
/// </summary>
internal sealed class TestingHook
{
    private static readonly AsyncLocal<TestingHook?> s_current = new();

    public static TestingHook? Current => s_current.Value;

    public DistributedApplicationBuilder? Builder { get; private set; }

    /// <summary>Installs a hook for the current async flow until disposed.</summary>
    public static Scope Install(TestingHook hook)
    {
        s_current.Value = hook;
        return new Scope();
    }

    /// <summary>True when a hook took the builder: the caller must then unwind the entry point.</summary>
    public static bool TryCapture(DistributedApplicationBuilder builder)
    {
        if (Current is not { Builder: null } hook || !builder.ExecutionContext.IsTesting)
        {
            return false;
        }

        hook.Builder = builder;
        return true;
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose() => s_current.Value = null;
    }
}

namespace Relay.Hosting.Processes;

/// <summary>
/// Wraps a command so that the child cannot outlive the AppHost and does not share its terminal:
/// <c>setpriv --pdeathsig KILL -- setsid &lt;command&gt;</c>. Both exec in place (setsid forks only when the
/// caller leads a process group, which a freshly forked child does not), so the pid we get is the child's.
/// </summary>
internal static class ProcessSupervision
{
    private const string SetprivPath = "/usr/bin/setpriv";
    private const string SetsidPath = "/usr/bin/setsid";

    private static readonly string? s_setpriv = Find(SetprivPath, "setpriv");
    private static readonly string? s_setsid = Find(SetsidPath, "setsid");

    /// <summary>False when util-linux's setpriv or setsid is missing: children then run unsupervised.</summary>
    public static bool IsAvailable => s_setpriv is not null && s_setsid is not null;

    public static (string FileName, IReadOnlyList<string> Arguments) Wrap(ProcessCommand command)
    {
        if (!IsAvailable)
        {
            return (command.FileName, command.Arguments);
        }

        return (s_setpriv!, ["--pdeathsig", "KILL", "--", s_setsid!, command.FileName, .. command.Arguments]);
    }

    private static string? Find(string wellKnownPath, string name) =>
        ExecutableLocator.IsExecutable(wellKnownPath) ? wellKnownPath : ExecutableLocator.FindOnPath(name);
}

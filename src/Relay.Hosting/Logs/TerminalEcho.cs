namespace Relay.Hosting.Logs;

/// <summary>Echoes the lines that need attention to the AppHost's terminal, prefixed with the instance.</summary>
internal static class TerminalEcho
{
    public static IDisposable Attach(ResourceLogService logs, TextWriter terminal) =>
        logs.Subscribe(line =>
        {
            if (ConsoleText.NeedsAttention(line))
            {
                terminal.WriteLine($"[{line.Instance}] {line.Text}");
            }
        });
}

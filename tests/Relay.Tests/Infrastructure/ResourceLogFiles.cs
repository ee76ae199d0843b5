using Relay.Hosting;
using Xunit.Sdk;
using Xunit.v3;

namespace Relay.Tests.Infrastructure;

/// <summary>Writes every resource's log lines to resource-logs/&lt;app&gt;/&lt;instance&gt;.log beside the tests.</summary>
internal static class ResourceLogFiles
{
    public static IDisposable Attach(DistributedApplication app, string appName, IMessageSink diagnostics)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "resource-logs", appName);
        Directory.CreateDirectory(folder);
        var writers = new Dictionary<string, StreamWriter>();
        var gate = new object();
        var subscription = app.ResourceLogs.Subscribe(line =>
        {
            lock (gate)
            {
                if (!writers.TryGetValue(line.Instance, out var writer))
                {
                    writer = new StreamWriter(Path.Combine(folder, line.Instance + ".log"), append: false) { AutoFlush = true };
                    writers[line.Instance] = writer;
                }

                writer.WriteLine($"{line.Timestamp:HH:mm:ss.fff} {line.Text}");
            }

            if (line.IsError || line.Text.StartsWith("fail:", StringComparison.Ordinal) || line.Text.StartsWith("crit:", StringComparison.Ordinal))
            {
                diagnostics.OnMessage(new DiagnosticMessage($"[{appName}/{line.Instance}] {line.Text}"));
            }
        });

        return new Detach(subscription, writers, gate);
    }

    private sealed class Detach(IDisposable subscription, Dictionary<string, StreamWriter> writers, object gate) : IDisposable
    {
        public void Dispose()
        {
            subscription.Dispose();
            lock (gate)
            {
                foreach (var writer in writers.Values)
                {
                    writer.Dispose();
                }

                writers.Clear();
            }
        }
    }
}

using System.Globalization;

namespace Relay.Hosting.Logs;

/// <summary>Appends every instance's lines to <c>&lt;state&gt;/logs/&lt;instance&gt;.log</c> (run mode).</summary>
internal sealed class LogFileSink : IDisposable
{
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StreamWriter> _writers = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private bool _disposed;

    public LogFileSink(ResourceLogService logs, string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _subscription = logs.Subscribe(Write);
    }

    public string GetPath(string instance) => Path.Combine(_directory, instance + ".log");

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_lock)
        {
            _disposed = true;
            foreach (var writer in _writers.Values)
            {
                writer.Dispose();
            }

            _writers.Clear();
        }
    }

    private void Write(ResourceLogLine line)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (!_writers.TryGetValue(line.Instance, out var writer))
            {
                // Flushed per line: the file is what a user tails while the app runs.
                writer = new StreamWriter(GetPath(line.Instance), append: true) { AutoFlush = true };
                _writers[line.Instance] = writer;
            }

            var timestamp = line.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            writer.WriteLine($"{timestamp} {(line.IsError ? "err" : "out")} {line.Text}");
        }
    }
}

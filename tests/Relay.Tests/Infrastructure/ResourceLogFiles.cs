using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;
using Xunit.v3;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// Writes what the started app logs to one file per category: Aspire.Hosting.Testing forwards each resource's console
/// to a logger named <c>{AppHost}.Resources.{resource}</c>. Warnings and errors also go to the runner's diagnostics.
/// </summary>
internal sealed class ResourceLogFiles(string directory, IMessageSink diagnostics, string appName) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            lock (file)
            {
                file.Dispose();
            }
        }

        _files.Clear();
    }

    private void Write(string category, LogLevel level, string text)
    {
        var name = category.Contains(".Resources.", StringComparison.Ordinal) ? category[(category.LastIndexOf('.') + 1)..] : "apphost";
        var file = _files.GetOrAdd(name, n =>
        {
            Directory.CreateDirectory(directory);
            return new StreamWriter(Path.Combine(directory, n + ".log"), append: true) { AutoFlush = true };
        });
        lock (file)
        {
            file.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level,-11} {text}");
        }

        if (level >= LogLevel.Warning)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"[{appName}/{name}] {text}"));
        }
    }

    private sealed class FileLogger(ResourceLogFiles owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                owner.Write(category, logLevel, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}

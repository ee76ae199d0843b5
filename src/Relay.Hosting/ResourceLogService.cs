namespace Relay.Hosting;

/// <summary>
/// The console output of every instance: the last <see cref="MaxLinesPerInstance"/> lines each, kept in
/// memory, and a live feed.
/// </summary>
public sealed class ResourceLogService
{
    public const int MaxLinesPerInstance = 5_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<ResourceLogLine>> _lines = new(StringComparer.Ordinal);
    private Action<ResourceLogLine>[] _subscribers = [];

    /// <summary>
    /// The kept lines of one instance (<c>api-0</c>), oldest first; given a resource name (<c>wsbackend</c>),
    /// those of all its instances.
    /// </summary>
    public IReadOnlyList<ResourceLogLine> GetLines(string instance)
    {
        lock (_lock)
        {
            if (_lines.TryGetValue(instance, out var lines))
            {
                return [.. lines];
            }

            return [.. _lines.Values.SelectMany(queue => queue).Where(line => line.Resource == instance).OrderBy(line => line.Timestamp)];
        }
    }

    /// <summary>The kept lines of every instance, interleaved by time, oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> GetAllLines()
    {
        lock (_lock)
        {
            return [.. _lines.Values.SelectMany(queue => queue).OrderBy(line => line.Timestamp)];
        }
    }

    /// <summary>Calls <paramref name="onLine"/> for every new line of every instance until disposed.</summary>
    public IDisposable Subscribe(Action<ResourceLogLine> onLine)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers, onLine];
        }

        return new Subscription(this, onLine);
    }

    internal void Append(ResourceLogLine line)
    {
        Action<ResourceLogLine>[] subscribers;
        lock (_lock)
        {
            if (!_lines.TryGetValue(line.Instance, out var lines))
            {
                _lines[line.Instance] = lines = new Queue<ResourceLogLine>();
            }

            if (lines.Count == MaxLinesPerInstance)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
            subscribers = _subscribers;
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(line);
            }
            catch (Exception)
            {
                // A failing subscriber (a disposed test output, a full disk) must not stop the others or the reader.
            }
        }
    }

    private void Unsubscribe(Action<ResourceLogLine> onLine)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(subscriber => subscriber != onLine)];
        }
    }

    private sealed class Subscription(ResourceLogService service, Action<ResourceLogLine> onLine) : IDisposable
    {
        public void Dispose() => service.Unsubscribe(onLine);
    }
}

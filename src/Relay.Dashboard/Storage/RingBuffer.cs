using System.Diagnostics.CodeAnalysis;

namespace Relay.Dashboard.Storage;

/// <summary>
/// A FIFO bounded to <c>capacity</c> that overwrites its oldest item when full. Its array starts small and
/// doubles up to the capacity, so a resource that sends little telemetry does not reserve the maximum.
/// Not thread-safe: the stores guard it with their lock.
/// </summary>
internal sealed class RingBuffer<T>(int capacity)
{
    private const int InitialSize = 16;

    private T[] _items = new T[Math.Min(capacity, InitialSize)];
    private int _head;

    public int Count { get; private set; }

    /// <summary>Index 0 is the oldest item, <c>Count - 1</c> the newest.</summary>
    public T this[int index] => _items[(_head + index) % _items.Length];

    /// <summary>Appends <paramref name="item"/>; returns true with the overwritten oldest item when it was full.</summary>
    public bool Add(T item, [MaybeNullWhen(false)] out T evicted)
    {
        if (Count == _items.Length && Count < capacity)
        {
            Grow();
        }

        if (Count == capacity)
        {
            evicted = _items[_head];
            _items[_head] = item;
            _head = (_head + 1) % _items.Length;
            return true;
        }

        _items[(_head + Count) % _items.Length] = item;
        Count++;
        evicted = default;
        return false;
    }

    public T RemoveOldest()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The ring buffer is empty.");
        }

        var item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }

    private void Grow()
    {
        var next = new T[(int)Math.Min((long)_items.Length * 2, capacity)];
        for (var i = 0; i < Count; i++)
        {
            next[i] = this[i];
        }

        _items = next;
        _head = 0;
    }
}

using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>What the Api's 202s of a fresh channel must say, whatever failed in between.</summary>
internal static class Acknowledgements
{
    /// <summary>
    /// Asserts each message got its own offset, 1..N without a hole, all in one epoch; returns the ids by offset
    /// (what every receiver must get) and the epoch.
    /// </summary>
    public static (Dictionary<long, string> IdsByOffset, string Epoch) AssertOnePositionEach(IReadOnlyList<PublishAck> acks)
    {
        var offsets = acks.Select(a => a.Answer.Offset).Order().ToList();
        var all = Enumerable.Range(1, acks.Count).Select(i => (long)i).ToList();
        Assert.True(offsets.SequenceEqual(all), $"The Api's offsets are not 1..{acks.Count} once each. {OffsetRuns.Defects(offsets, all)}");
        var epochs = acks.Select(a => a.Answer.Epoch).Distinct().ToList();
        Assert.True(epochs.Count == 1, $"The Api answered with {epochs.Count} epochs: {string.Join(", ", epochs)}.");
        return (acks.ToDictionary(a => a.Answer.Offset, a => a.Answer.Id), epochs[0]);
    }
}

using System.Globalization;
using System.Text;

namespace Relay.Tests.Infrastructure;

/// <summary>Short descriptions of offset sequences for failure messages: "1-532, 534-2000 (1999)".</summary>
internal static class OffsetRuns
{
    private const int MaxShown = 12;

    /// <summary>The sequence as runs of consecutive offsets, in the order given.</summary>
    public static string Describe(IReadOnlyList<long> offsets)
    {
        if (offsets.Count == 0)
        {
            return "none";
        }

        var runs = new List<string>();
        var start = offsets[0];
        for (var i = 1; i <= offsets.Count; i++)
        {
            if (i < offsets.Count && offsets[i] == offsets[i - 1] + 1)
            {
                continue;
            }

            var end = offsets[i - 1];
            runs.Add(start == end ? Format(start) : $"{Format(start)}-{Format(end)}");
            if (i < offsets.Count)
            {
                start = offsets[i];
            }
        }

        var shown = runs.Count <= MaxShown ? string.Join(", ", runs) : string.Join(", ", runs.Take(MaxShown)) + $", … ({runs.Count - MaxShown} more runs)";
        return $"{shown} ({offsets.Count})";
    }

    /// <summary>What is wrong with <paramref name="actual"/> against <paramref name="expected"/>: missing, duplicated, unexpected, out of order.</summary>
    public static string Defects(IReadOnlyList<long> actual, IReadOnlyList<long> expected)
    {
        var text = new StringBuilder();
        var missing = expected.Except(actual).Order().ToList();
        var duplicated = actual.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        var unexpected = actual.Except(expected).Distinct().Order().ToList();
        var outOfOrder = Enumerable.Range(1, Math.Max(0, actual.Count - 1)).Where(i => actual[i] <= actual[i - 1]).Take(MaxShown).ToList();
        Append(text, "missing", missing);
        Append(text, "duplicated", duplicated);
        Append(text, "unexpected", unexpected);
        if (outOfOrder.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Not increasing at: {string.Join(", ", outOfOrder.Select(i => $"{actual[i - 1]}→{actual[i]}"))}. ");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string what, List<long> offsets)
    {
        if (offsets.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(what[0])}{what[1..]}: {Describe(offsets)}. ");
        }
    }

    private static string Format(long offset) => offset.ToString(CultureInfo.InvariantCulture);
}

namespace Relay.Dashboard.Api;

/// <summary>Orders <c>wsbackend-2</c> before <c>wsbackend-10</c>: a numeric suffix compares as a number.</summary>
internal sealed class InstanceNameComparer : IComparer<string>
{
    public static readonly InstanceNameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (xStem, xNumber) = Split(x ?? string.Empty);
        var (yStem, yNumber) = Split(y ?? string.Empty);
        var byStem = string.CompareOrdinal(xStem, yStem);
        return byStem != 0 ? byStem : xNumber != yNumber ? xNumber.CompareTo(yNumber) : string.CompareOrdinal(x, y);
    }

    private static (string Stem, long Number) Split(string name)
    {
        var i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1]) && name.Length - i < 18)
        {
            i--;
        }

        return i == name.Length ? (name, -1) : (name[..i], long.Parse(name.AsSpan(i), System.Globalization.CultureInfo.InvariantCulture));
    }
}

namespace Relay.Contracts;

/// <summary>The rule of a presence name (a connection token's <c>sub</c>): 1–64 characters, not blank, no control characters.</summary>
public static class NameRules
{
    /// <summary>Why <paramref name="name"/> is not a presence name, or null when it is.</summary>
    public static string? Error(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The name must not be blank."
        : name.Length > MessageLimits.MaxNameLength ? $"The name must be at most {MessageLimits.MaxNameLength} characters; it has {name.Length}."
        : name.Any(char.IsControl) ? "The name must not contain control characters."
        : null;
}

namespace Relay.Hosting.Processes;

/// <summary>What to run. <see cref="Environment"/> is added to the AppHost's own environment.</summary>
internal sealed record ProcessCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);

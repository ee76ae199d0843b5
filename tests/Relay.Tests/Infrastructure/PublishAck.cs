namespace Relay.Tests.Infrastructure;

/// <summary>
/// The 202 a <see cref="SteadyPublisher"/> got for its message number <see cref="Index"/>. <see cref="Attempts"/>
/// lists what each try got (<c>503</c>, <c>504</c>, <c>network</c>, then <c>202</c>); <see cref="Replayed"/> is the
/// <c>Idempotent-Replayed</c> header of the final answer.
/// </summary>
internal sealed record PublishAck(int Index, string Text, string? IdempotencyKey, PublishedMessage Answer, bool Replayed, IReadOnlyList<string> Attempts)
{
    /// <summary>Whether the message needed more than one request.</summary>
    public bool Retried => Attempts.Count > 1;
}

namespace Relay.Contracts;

/// <summary>
/// Secrets reach the services as files, not environment variables (which the dashboard shows and child processes
/// inherit): one file per configuration key, named as the environment variable would be (<c>ApiKeys__sender__Key</c>),
/// in the owner-only folder this variable names. The services read it with the key-per-file configuration provider.
/// </summary>
public static class SecretFiles
{
    public const string DirectoryVariable = "RELAY_SECRETS_DIR";
}

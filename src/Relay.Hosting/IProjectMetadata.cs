namespace Relay.Hosting;

/// <summary>
/// Where a project of the app model is. Generated as <c>Projects.&lt;Name&gt;</c> by
/// <c>build/Relay.Hosting.targets</c> for each ProjectReference marked <c>RelayProject="true"</c>.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>The absolute path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>The absolute path of the built assembly, which the engine runs with <c>dotnet</c>.</summary>
    string TargetPath { get; }

    string AssemblyName { get; }
}

namespace Relay.Hosting.ApplicationModel;

/// <summary>A resource of the app model: a name and the annotations that say how to run it.</summary>
public interface IResource
{
    string Name { get; }

    IList<IResourceAnnotation> Annotations { get; }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Relay.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DashboardOptions"/> to the <c>Dashboard</c> section and validates it when the host starts,
    /// so a bad setting stops the AppHost before anything is launched.
    /// </summary>
    public static OptionsBuilder<DashboardOptions> AddDashboardOptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        return services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateOnStart();
    }
}

namespace BackCourse.Web.Features.Enrolments;

public static class EnrolmentsServiceExtensions
{
    /// <summary>Granting access; what follows it (<see cref="IEnrolmentLifecycle"/>) is registered by the weekly emails.</summary>
    public static IServiceCollection AddEnrolments(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentAccess>();
        return services;
    }
}

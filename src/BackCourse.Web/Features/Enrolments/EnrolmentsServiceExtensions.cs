namespace BackCourse.Web.Features.Enrolments;

public static class EnrolmentsServiceExtensions
{
    /// <summary>Granting access, and the hook that tells the rest of the app an enrolment began or was refunded.</summary>
    public static IServiceCollection AddEnrolments(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentAccess>();
        services.AddScoped<IEnrolmentLifecycle, EmailEnrolmentLifecycle>();
        return services;
    }
}

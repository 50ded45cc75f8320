namespace BackCourse.Web.Features.Admin;

public static class AdminServiceExtensions
{
    /// <summary>Staff actions on enrolments, the course dashboard and a learner's activity.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentActions>();
        services.AddScoped<CourseDashboard>();
        services.AddScoped<LearnerActivity>();
        return services;
    }
}

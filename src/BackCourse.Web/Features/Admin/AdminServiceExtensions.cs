namespace BackCourse.Web.Features.Admin;

public static class AdminServiceExtensions
{
    /// <summary>Staff actions on enrolments, a learner's activity, and the course dashboard with its parts.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentActions>();
        services.AddScoped<LearnerActivity>();
        services.AddScoped<CourseDashboard>();
        services.AddScoped<EnrolmentsAndRevenue>();
        services.AddScoped<WeekFunnel>();
        services.AddScoped<ActiveLearners>();
        services.AddScoped<QuizResults>();
        services.AddScoped<ReflectionReviewTimes>();
        return services;
    }
}

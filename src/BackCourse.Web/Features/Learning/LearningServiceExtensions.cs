namespace BackCourse.Web.Features.Learning;

public static class LearningServiceExtensions
{
    /// <summary>The course outline, the learner's session (access and progress), section pages and the dashboard.</summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddScoped<CourseOutlineReader>();
        services.AddScoped<LearnerSession>();
        services.AddScoped<SectionPageBuilder>();
        services.AddScoped<DashboardReader>();
        return services;
    }
}

namespace BackCourse.Web.Features.Admin;

public static class AdminServiceExtensions
{
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

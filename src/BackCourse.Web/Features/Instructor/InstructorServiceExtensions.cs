namespace BackCourse.Web.Features.Instructor;

public static class InstructorServiceExtensions
{
    /// <summary>The red-flag check on learners' writing and the urgent alerts it leaves for instructors.</summary>
    public static IServiceCollection AddRedFlagAlerts(this IServiceCollection services) =>
        services.AddScoped<RedFlagAlerts>();
}

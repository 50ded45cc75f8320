namespace BackCourse.Web.Features.Reflections;

public static class ReflectionsServiceExtensions
{
    /// <summary>A learner's reflections: drafts, submissions and the thread with their instructor.</summary>
    public static IServiceCollection AddReflections(this IServiceCollection services) => services.AddScoped<ReflectionWork>();
}

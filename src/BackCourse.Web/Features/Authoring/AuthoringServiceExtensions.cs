using FluentValidation;

namespace BackCourse.Web.Features.Authoring;

public static class AuthoringServiceExtensions
{
    public static IServiceCollection AddAuthoring(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaLibrary>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditReader>();
        services.AddScoped<CourseStructure>();
        services.AddScoped<CourseZip>();
        services.AddScoped<SectionExtrasWriter>();
        return services;
    }
}

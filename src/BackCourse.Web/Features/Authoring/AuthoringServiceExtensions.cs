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
        services.AddScoped<IValidator<CourseForm>, CourseFormValidator>();
        services.AddScoped<IValidator<WeekForm>, WeekFormValidator>();
        services.AddScoped<IValidator<SectionForm>, SectionFormValidator>();
        services.AddScoped<IValidator<NewSectionForm>, NewSectionFormValidator>();
        services.AddScoped<IValidator<QuizForm>, QuizFormValidator>();
        services.AddScoped<IValidator<ItemsForm>, ItemsFormValidator>();
        return services;
    }
}

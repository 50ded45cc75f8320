namespace BackCourse.Web.Features.Tools;

public static class ToolsServiceExtensions
{
    /// <summary>The pain log (the desk timer is a page of its own).</summary>
    public static IServiceCollection AddTools(this IServiceCollection services) => services.AddScoped<PainLog>();
}

namespace BackCourse.Web.Email;

public static class EmailServiceExtensions
{
    /// <summary>The SMTP (or .eml pickup-folder) sender, with its options validated at start-up.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        return services;
    }
}

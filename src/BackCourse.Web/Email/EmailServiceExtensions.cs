namespace BackCourse.Web.Email;

public static class EmailServiceExtensions
{
    /// <summary>
    /// The SMTP (or .eml pickup-folder) sender, with its options validated at start-up, and the pool of
    /// open SMTP connections it shares (a singleton: the container disposes it, and its connections, on shutdown).
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        return services;
    }
}

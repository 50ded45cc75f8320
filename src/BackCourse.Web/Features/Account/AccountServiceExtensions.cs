using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackCourse.Web.Features.Account;

public static class AccountServiceExtensions
{
    /// <summary>Identity on EF Core: confirmed email to sign in, lockout after 5 failures, named role policies.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Length over composition rules: long passphrases beat "Passw0rd!".
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddPasswordValidator<Passwords.PasswordRules>()
            .AddDefaultTokenProviders();
        // Addresses with international domains are found whichever form of the domain is typed.
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, CanonicalEmailNormalizer>());
        // Sessions the server can end (sign-out, password change): each node holds the ended ids in memory.
        services.AddSingleton<Sessions.EndedSessions>();
        services.AddScoped<Sessions.SignInSessions>();
        services.AddHostedService<Sessions.EndedSessionsRefresher>();
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = Sessions.SignInSessions.OnRefreshingPrincipalAsync);
        // Identity's stamp check, built only when one is due (see DueSecurityStampValidator).
        services.AddScoped<SecurityStampValidator<AppUser>>();
        services.Replace(ServiceDescriptor.Singleton<ISecurityStampValidator, DueSecurityStampValidator>());

        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment>((o, env) =>
            {
                o.Cookie.Name = "bc.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/error/403";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                var signingIn = o.Events.OnSigningIn;
                o.Events.OnSigningIn = async context =>
                {
                    await Sessions.SignInSessions.OnSigningInAsync(context);
                    await signingIn(context);
                };
            });
        // After the cookie handler's own post-configuration has made its ticket format (AddIdentity registered it first).
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider>((o, clock) => o.TicketDataFormat = new CachedTicketDataFormat(
                o.TicketDataFormat ?? throw new InvalidOperationException("The sign-in cookie has no ticket format to wrap."), clock));
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IHostEnvironment>((o, env) =>
                o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Instructor, p => p.RequireRole(Roles.Instructor, Roles.Admin))
            .AddPolicy(Policies.Learner, p => p.RequireAuthenticatedUser());

        services.AddScoped<AccountEmails>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<AccountDeletion>();
        return services;
    }
}

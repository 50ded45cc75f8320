using System.Net;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>Shortcuts for arranging accounts; the account features themselves are tested through HTTP.</summary>
public static class Accounts
{
    public const string Password = "a long test password";

    /// <summary>Creates a confirmed account with the given role directly (arrange step).</summary>
    public static async Task<AppUser> CreateUserAsync(this TestApp app, string email, string role = Roles.Learner, string name = "Test Person")
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = app.Clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Signs in through the real sign-in form; the client keeps the cookie.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.SubmitFormAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        response.ShouldBe(HttpStatusCode.Redirect);
    }

    public static AppDbContext Db(this TestApp app, IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();
}

using BackCourse.Web.Domain;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Data;

/// <summary>
/// What every database needs before anyone signs in: the roles, the admin named in configuration and,
/// in Development only, the demo accounts. Safe to run any number of times, on any number of nodes.
/// </summary>
public sealed class StartupSeeder(
    AppDbContext db,
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<AppUser> users,
    IOptions<AdminOptions> admin,
    IOptions<DemoOptions> demo,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupSeeder> logger)
{
    private const long SeedLockKey = 0x4261636B53656564; // "BackSeed"

    public async Task SeedAsync(CancellationToken ct = default)
    {
        // Serialise seeding across nodes starting together; the lock ends with the transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }), $"role {role}");
            }
        }

        if (admin.Value is { Email: { Length: > 0 } email, Password: { Length: > 0 } password })
        {
            await EnsureUserAsync(email, "Administrator", password, [Roles.Admin]);
        }

        if (environment.IsDevelopment() && demo.Value.Password is { Length: > 0 } demoPassword)
        {
            await EnsureUserAsync(DemoOptions.AdminEmail, "Demo Admin", demoPassword, [Roles.Admin]);
            await EnsureUserAsync(DemoOptions.InstructorEmail, "Demo Instructor", demoPassword, [Roles.Instructor]);
            await EnsureUserAsync(DemoOptions.LearnerEmail, "Demo Learner", demoPassword, [Roles.Learner]);
        }

        await tx.CommitAsync(ct);
    }

    private async Task EnsureUserAsync(string email, string name, string password, string[] userRoles)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, password), $"user {email}");
            logger.LogInformation("Created account {Email} with roles {Roles}", email, string.Join(", ", userRoles));
        }
        foreach (var role in userRoles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), $"role {role} for {email}");
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

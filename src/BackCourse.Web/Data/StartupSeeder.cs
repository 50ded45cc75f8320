using BackCourse.Web.Content;
using BackCourse.Web.Domain;
using BackCourse.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCourse.Web.Data;

/// <summary>How much of the course the seeder imports.</summary>
public enum CourseSeeding
{
    /// <summary>Only when the database has no course yet (every start-up).</summary>
    WhenMissing,

    /// <summary>Add seeded weeks and sections that are missing; never touch existing ones (`seed`).</summary>
    AddMissing,

    /// <summary>Replace the course and every seeded section with the files' version (`seed --force`).</summary>
    Replace,
}

/// <summary>
/// What every database needs before anyone signs in: the roles, the admin named in configuration,
/// the course, and in Development only the demo accounts (the demo learner enrolled two weeks ago).
/// Safe to run any number of times, on any number of nodes.
/// </summary>
public sealed class StartupSeeder(
    AppDbContext db,
    CourseImporter importer,
    Features.Enrolments.IEnrolmentLifecycle lifecycle,
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<AppUser> users,
    IOptions<AdminOptions> admin,
    IOptions<DemoOptions> demo,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupSeeder> logger)
{
    private const long SeedLockKey = 0x4261636B53656564; // "BackSeed"

    public async Task SeedAsync(CourseSeeding seeding = CourseSeeding.WhenMissing, CancellationToken ct = default)
    {
        Enrolment? demoEnrolment = null;
        if (seeding != CourseSeeding.WhenMissing || !await db.Courses.AnyAsync(ct))
        {
            // Replacing also takes away sections the files no longer have (archived when learners worked on them),
            // so a section replaced by new material under a new slug does not linger as a 93rd.
            var replace = seeding == CourseSeeding.Replace;
            await importer.ImportAsync(CourseSeedReader.Read(CourseSeedReader.DefaultFolder), force: replace, removeMissing: replace, ct);
        }

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
            var instructor = await EnsureUserAsync(DemoOptions.InstructorEmail, "Demo Instructor", demoPassword, [Roles.Instructor]);
            await EnsureAssignedAsync(instructor, ct);
            var learner = await EnsureUserAsync(DemoOptions.LearnerEmail, "Demo Learner", demoPassword, [Roles.Learner]);
            demoEnrolment = await EnsureDemoEnrolmentAsync(learner, ct);
        }

        await tx.CommitAsync(ct);
        if (demoEnrolment is not null)
        {
            // After the commit, so the welcome email's sender sees the enrolment.
            await lifecycle.StartedAsync(demoEnrolment, ct);
        }
    }

    private async Task EnsureAssignedAsync(AppUser instructor, CancellationToken ct)
    {
        var course = await db.Courses.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is not null && !await db.CourseInstructors.AnyAsync(i => i.CourseId == course.Id && i.UserId == instructor.Id, ct))
        {
            db.CourseInstructors.Add(new CourseInstructor { CourseId = course.Id, UserId = instructor.Id });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The demo learner started two weeks (and an hour) ago: weeks 1–3 open, 4–6 locked.</summary>
    private async Task<Enrolment?> EnsureDemoEnrolmentAsync(AppUser learner, CancellationToken ct)
    {
        var course = await db.Courses.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (course is null || await db.Enrolments.AnyAsync(e => e.UserId == learner.Id && e.CourseId == course.Id, ct))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var enrolment = new Enrolment
        {
            Id = Guid.CreateVersion7(),
            UserId = learner.Id,
            CourseId = course.Id,
            StartedAt = now.AddDays(-14).AddHours(-1),
            Status = EnrolmentStatus.Active,
            CreatedAt = now,
        };
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(ct);
        return enrolment;
    }

    private async Task<AppUser> EnsureUserAsync(string email, string name, string password, string[] userRoles)
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
        return user;
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

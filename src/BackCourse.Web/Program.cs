using BackCourse.Web.Data;
using BackCourse.Web.Email;
using BackCourse.Web.Features.Account;
using BackCourse.Web.Features.Admin;
using BackCourse.Web.Features.Authoring;
using BackCourse.Web.Features.Bench;
using BackCourse.Web.Features.Enrolments;
using BackCourse.Web.Features.Instructor;
using BackCourse.Web.Features.Learning;
using BackCourse.Web.Features.Payments;
using BackCourse.Web.Features.Quizzes;
using BackCourse.Web.Features.Reflections;
using BackCourse.Web.Features.Reviews;
using BackCourse.Web.Features.Tools;
using BackCourse.Web.Features.WeeklyEmails;
using BackCourse.Web.Infrastructure;
using BackCourse.Web.Scheduling;

// `BackCourse.Web.dll migrate` or `seed` runs that one job and exits; anything else serves the site.
var command = args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=') ? first : null;
var force = args.Contains("--force");
var builder = WebApplication.CreateBuilder(args.Skip(command is null ? 0 : 1).Where(a => a != "--force").ToArray());

// Settings bound from configuration and validated before anything starts
builder.Services.AddBackCourseOptions();
// Structured logs with request ids
builder.AddBackCourseLogging();
// PostgreSQL, EF Core, versioned migrations, Data Protection keys in the database
builder.Services.AddBackCourseData();
// Accounts, roles and the policies that guard each area
builder.Services.AddAccounts();
// Email over SMTP with MailKit, or .eml files when no SMTP host is configured
builder.Services.AddEmail();
// Hangfire on PostgreSQL: a server on nodes with scheduling on; features declare their own jobs
builder.Services.AddScheduling();
// Stripe.net checkout, webhooks, fulfilment and refunds (a local test payment page without keys)
builder.Services.AddPayments();
// Giving access to the course; the weekly emails (welcome, unlocks, reminders) follow from it
builder.Services.AddEnrolments().AddWeeklyEmails();
// The learner's side: lessons and progress, quizzes, reflections, tools, reviews
builder.Services.AddLearning().AddQuizzes().AddReflections().AddTools().AddReviews();
// The staff's side: the instructor's queue and digest, the admin dashboard and enrolment actions
builder.Services.AddInstructor().AddAdmin();
// MVC with feature folders, antiforgery and FluentValidation
builder.Services.AddWebUi();
// Course authoring: editors, uploaded images, export/import, the audit log
builder.Services.AddAuthoring();
// Errors, health checks, rate limits
builder.Services.AddOperations();
// Measuring aids for `./backcourse bench` and the query-count tests: absent unless turned on, refused in Production
builder.Services.AddBench();

var app = builder.Build();

switch (command)
{
    case "migrate":
        return await app.RunMigrateCommandAsync();
    case "seed":
        return await app.RunSeedCommandAsync(force);
    case not null:
        await Console.Error.WriteLineAsync($"Unknown command '{command}'. Use: migrate | seed [--force] | (nothing, to serve the site)");
        return 2;
}

// Migrate (Development) or verify migrations, then seed roles and accounts
await app.PrepareDatabaseAsync();
// Middleware, outermost first
app.UseBackCoursePipeline();
// Endpoints
app.MapBackCourseEndpoints();

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

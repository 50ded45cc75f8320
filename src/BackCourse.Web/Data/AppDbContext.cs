using BackCourse.Web.Domain;
using BackCourse.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Data;

/// <summary>
/// The one DbContext. Features use it directly; the schema itself is owned by the SQL files in
/// <c>migrations/</c>, and a test keeps this model and that schema in agreement.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Week> Weeks => Set<Week>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<SectionProgress> SectionProgress => Set<SectionProgress>();
    public DbSet<WorksheetAnswer> WorksheetAnswers => Set<WorksheetAnswer>();
    public DbSet<PainLogEntry> PainLog => Set<PainLogEntry>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<Reflection> Reflections => Set<Reflection>();
    public DbSet<ReflectionEvent> ReflectionEvents => Set<ReflectionEvent>();
    public DbSet<ReflectionMessage> ReflectionMessages => Set<ReflectionMessage>();
    public DbSet<CourseInstructor> CourseInstructors => Set<CourseInstructor>();
    public DbSet<FeedbackItem> FeedbackItems => Set<FeedbackItem>();
    public DbSet<SectionVote> SectionVotes => Set<SectionVote>();
    public DbSet<CourseReview> CourseReviews => Set<CourseReview>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<StripeEvent> StripeEvents => Set<StripeEvent>();
    public DbSet<PaymentRefund> PaymentRefunds => Set<PaymentRefund>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RedFlagAlert> RedFlagAlerts => Set<RedFlagAlert>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SnakeCaseColumns.Apply(builder);
    }
}

using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> b)
    {
        b.ToTable("quiz_attempts");
        b.HasIndex(a => new { a.EnrolmentId, a.SectionId, a.Number }).IsUnique();
        b.Property(a => a.OptionOrderJson).HasColumnType("jsonb");
        b.Property(a => a.AnswersJson).HasColumnType("jsonb");
        b.HasOne<Enrolment>().WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReflectionConfiguration : IEntityTypeConfiguration<Reflection>
{
    public void Configure(EntityTypeBuilder<Reflection> b)
    {
        b.ToTable("reflections");
        b.HasIndex(r => new { r.EnrolmentId, r.SectionId }).IsUnique();
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.AnswersJson).HasColumnType("jsonb");
        b.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(r => r.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReflectionEventConfiguration : IEntityTypeConfiguration<ReflectionEvent>
{
    public void Configure(EntityTypeBuilder<ReflectionEvent> b)
    {
        b.ToTable("reflection_events");
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.FromState).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ToState).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Reflection>().WithMany().HasForeignKey(e => e.ReflectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReflectionMessageConfiguration : IEntityTypeConfiguration<ReflectionMessage>
{
    public void Configure(EntityTypeBuilder<ReflectionMessage> b)
    {
        b.ToTable("reflection_messages");
        b.Property(m => m.Id).UseIdentityAlwaysColumn();
        b.Property(m => m.Body).HasMaxLength(5000);
        b.HasOne<Reflection>().WithMany().HasForeignKey(m => m.ReflectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CourseInstructorConfiguration : IEntityTypeConfiguration<CourseInstructor>
{
    public void Configure(EntityTypeBuilder<CourseInstructor> b)
    {
        b.ToTable("course_instructors");
        b.HasKey(i => new { i.CourseId, i.UserId });
        b.HasOne<Course>().WithMany().HasForeignKey(i => i.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> b)
    {
        b.ToTable("feedback_items");
        b.Property(f => f.Id).UseIdentityAlwaysColumn();
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Body).HasMaxLength(4000);
        b.Property(f => f.AnswersJson).HasColumnType("jsonb");
        b.Property(f => f.Reply).HasMaxLength(4000);
        b.HasIndex(f => new { f.Status, f.CreatedAt });
    }
}

internal sealed class SectionVoteConfiguration : IEntityTypeConfiguration<SectionVote>
{
    public void Configure(EntityTypeBuilder<SectionVote> b)
    {
        b.ToTable("section_votes");
        b.HasKey(v => new { v.EnrolmentId, v.SectionId });
        b.HasOne<Enrolment>().WithMany().HasForeignKey(v => v.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(v => v.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseReviewConfiguration : IEntityTypeConfiguration<CourseReview>
{
    public void Configure(EntityTypeBuilder<CourseReview> b)
    {
        b.ToTable("course_reviews");
        b.HasIndex(r => new { r.CourseId, r.UserId }).IsUnique();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Body).HasMaxLength(2000);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> b)
    {
        b.ToTable("digest_runs");
        b.HasKey(d => new { d.InstructorId, d.Day });
    }
}

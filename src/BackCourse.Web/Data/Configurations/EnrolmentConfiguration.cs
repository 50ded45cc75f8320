using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("enrolments");
        b.HasIndex(e => new { e.UserId, e.CourseId }).IsUnique();
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SectionProgressConfiguration : IEntityTypeConfiguration<SectionProgress>
{
    public void Configure(EntityTypeBuilder<SectionProgress> b)
    {
        b.ToTable("section_progress");
        b.HasKey(p => new { p.EnrolmentId, p.SectionId });
        b.HasOne<Enrolment>().WithMany().HasForeignKey(p => p.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(p => p.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorksheetAnswerConfiguration : IEntityTypeConfiguration<WorksheetAnswer>
{
    public void Configure(EntityTypeBuilder<WorksheetAnswer> b)
    {
        b.ToTable("worksheet_answers");
        b.HasKey(a => new { a.EnrolmentId, a.SectionId });
        b.Property(a => a.AnswersJson).HasColumnType("jsonb");
        b.HasOne<Enrolment>().WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PainLogEntryConfiguration : IEntityTypeConfiguration<PainLogEntry>
{
    public void Configure(EntityTypeBuilder<PainLogEntry> b)
    {
        b.ToTable("pain_log_entries");
        b.Property(p => p.Id).UseIdentityAlwaysColumn();
        b.HasIndex(p => new { p.UserId, p.Day }).IsUnique();
        b.Property(p => p.Note).HasMaxLength(500);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

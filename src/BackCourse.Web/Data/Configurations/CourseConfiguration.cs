using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.ToTable("courses");
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Slug).HasMaxLength(100);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Subtitle).HasMaxLength(300);
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Property(c => c.AuthorCredentials).HasMaxLength(200);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.FaqJson).HasColumnType("jsonb");
        b.HasMany(c => c.Weeks).WithOne().HasForeignKey(w => w.CourseId);
        b.HasMany(c => c.Sections).WithOne().HasForeignKey(s => s.CourseId);
    }
}

internal sealed class WeekConfiguration : IEntityTypeConfiguration<Week>
{
    public void Configure(EntityTypeBuilder<Week> b)
    {
        b.ToTable("weeks");
        b.HasIndex(w => new { w.CourseId, w.Number }).IsUnique();
        b.Property(w => w.Title).HasMaxLength(200);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.ToTable("sections");
        b.HasIndex(s => new { s.CourseId, s.Slug }).IsUnique();
        b.HasIndex(s => new { s.CourseId, s.WeekNumber, s.Position });
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Slug).HasMaxLength(120);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.Summary).HasMaxLength(500);
        b.Property(s => s.ExtrasJson).HasColumnType("jsonb");
    }
}

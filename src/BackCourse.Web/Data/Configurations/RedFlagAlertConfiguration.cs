using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class RedFlagAlertConfiguration : IEntityTypeConfiguration<RedFlagAlert>
{
    public void Configure(EntityTypeBuilder<RedFlagAlert> b)
    {
        b.ToTable("red_flag_alerts");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Flags).HasMaxLength(200);
        b.Property(a => a.Excerpt).HasMaxLength(1000);
        b.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Section>().WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.CourseId, a.CreatedAt }).HasFilter("handled_at IS NULL");
    }
}

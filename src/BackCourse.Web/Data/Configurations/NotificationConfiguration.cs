using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasIndex(n => new { n.EnrolmentId, n.Week, n.Kind }).IsUnique();
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Enrolment>().WithMany().HasForeignKey(n => n.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

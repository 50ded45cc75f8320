using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.ActorEmail).HasMaxLength(256);
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.ItemType).HasMaxLength(40);
        b.Property(e => e.ItemId).HasMaxLength(100);
        b.Property(e => e.ItemLabel).HasMaxLength(300);
        b.Property(e => e.Changes).HasColumnType("jsonb");
        b.HasIndex(e => e.At);
    }
}

using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("sign_in_sessions");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId).HasFilter("ended_at IS NULL");
        b.HasIndex(s => s.EndedAt).HasFilter("ended_at IS NOT NULL");
    }
}

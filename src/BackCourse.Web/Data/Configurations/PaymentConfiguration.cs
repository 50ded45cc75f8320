using BackCourse.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCourse.Web.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.CheckoutSessionId).HasMaxLength(255);
        b.Property(o => o.PaymentIntentId).HasMaxLength(255);
        b.HasIndex(o => o.CheckoutSessionId).IsUnique();
        b.HasIndex(o => o.PaymentIntentId);
        b.HasIndex(o => o.UserId);
    }
}

internal sealed class StripeEventConfiguration : IEntityTypeConfiguration<StripeEvent>
{
    public void Configure(EntityTypeBuilder<StripeEvent> b)
    {
        b.ToTable("stripe_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Payload).HasColumnType("jsonb");
    }
}

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> b)
    {
        b.ToTable("payment_refunds");
        b.HasKey(r => r.PaymentIntentId);
        b.Property(r => r.PaymentIntentId).HasMaxLength(255);
    }
}

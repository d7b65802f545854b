using FactoryCloud.Domain.Accounts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("SignInFailures");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(SignInFailureKey.Length);
        builder.HasIndex(f => f.ExpiresAt);
    }
}

using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>PostgreSQL flavour of <see cref="AppDbContext"/>: owns the PostgreSQL migrations.</summary>
public sealed class PostgresAppDbContext(DbContextOptions options, DataScope scope) : AppDbContext(options, scope);

// The namespaces most of this project's files import: EF Core, the database, the tenant, logging and options.
// Everything else is imported where it is used.
global using FactoryCloud.Infrastructure.Persistence;
global using FactoryCloud.Infrastructure.Tenancy;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;

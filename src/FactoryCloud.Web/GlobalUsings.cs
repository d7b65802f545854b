// The namespaces most of this project's files import: the database, the tenant, the audit trail and the shared web
// helpers. Everything else is imported where it is used.
global using FactoryCloud.Domain.Audit;
global using FactoryCloud.Domain.Tenancy;
global using FactoryCloud.Infrastructure.Persistence;
global using FactoryCloud.Infrastructure.Tenancy;
global using FactoryCloud.Web.Common;
global using FactoryCloud.Web.Features.Audit;
global using Microsoft.EntityFrameworkCore;

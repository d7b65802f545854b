using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace FactoryCloud.Web.Tests.Fixtures;

/// <summary>The route templates of the app's pages (their <c>@page</c> directives), to check that links lead somewhere.</summary>
public static class AppRoutes
{
    public static IReadOnlySet<string> Templates { get; } = typeof(FactoryCloud.Web.Features.Plants.PlantsPage).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

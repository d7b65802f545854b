using System.Reflection;
using FactoryCloud.Infrastructure.Pipeline;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline;

/// <summary>
/// The pipeline owns its contracts and brokers depend on it, never the other way: no type of the pipeline's
/// namespaces names a broker type in its base types, fields, properties or member signatures (compiler-generated
/// types included, so async methods' captured locals count).
/// </summary>
public sealed class PipelineDependencyTests
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Pipeline_types_do_not_depend_on_brokers()
    {
        var assembly = typeof(ITelemetryIngress).Assembly;
        var pipeline = assembly.GetTypes().Where(t => InNamespace(t, "FactoryCloud.Infrastructure.Pipeline")).ToList();
        Assert.Contains(typeof(TelemetryIngress), pipeline);

        var offending = pipeline
            .SelectMany(t => ReferencedTypes(t).Where(r => InNamespace(r, "FactoryCloud.Infrastructure.Mqtt")).Select(r => $"{t.FullName} -> {r.FullName}"))
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Brokers_hand_messages_to_the_pipelines_contract()
    {
        var broker = typeof(FactoryCloud.Infrastructure.Mqtt.BuiltInBroker);
        Assert.Contains(ReferencedTypes(broker), t => t == typeof(ITelemetryIngress));
    }

    private static bool InNamespace(Type type, string ns) =>
        (type.DeclaringType is { } outer ? InNamespace(outer, ns) : false)
        || type.Namespace == ns || (type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) ?? false);

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        IEnumerable<Type> named = [
            .. type.BaseType is { } b ? [b] : Array.Empty<Type>(),
            .. type.GetInterfaces(),
            .. type.GetFields(Everything).Select(f => f.FieldType),
            .. type.GetProperties(Everything).Select(p => p.PropertyType),
            .. type.GetMethods(Everything).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)),
            .. type.GetConstructors(Everything).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)),
        ];
        return named.SelectMany(Unwrap).Concat(type.GetNestedTypes(Everything).SelectMany(ReferencedTypes));
    }

    /// <summary>A type and the types inside it: generic arguments, array and by-ref element types.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!)) yield return inner;
        }
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap)) yield return inner;
        }
    }
}

namespace FactoryCloud.Web.Common;

public enum FailureKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,

    /// <summary>The content is of a kind this operation does not take (an upload's file type): 415.</summary>
    UnsupportedType,

    /// <summary>The content is larger than this operation takes: 413.</summary>
    TooLarge,
}

/// <summary>The outcome of a use case, shared by the UI (inline messages) and the API (problem details).</summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The problem-details <c>type</c> when the refusal has a kind of its own (a quota); null: the status's default.</summary>
    public string? Type { get; init; }

    /// <summary>Extra problem-details members (for a quota: its name, limit and usage).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Failure Invalid(string field, string message) =>
        new(FailureKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Failure NotFound(string what) => new(FailureKind.NotFound, $"{what} was not found.");
    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);
    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);
}

public readonly record struct OperationResult<T>(T? Value, Failure? Failure)
{
    public bool Succeeded => Failure is null;

    public static implicit operator OperationResult<T>(T value) => new(value, null);
    public static implicit operator OperationResult<T>(Failure failure) => new(default, failure);
}

public readonly record struct OperationResult(Failure? Failure)
{
    public static readonly OperationResult Success = new(null);
    public bool Succeeded => Failure is null;

    public static implicit operator OperationResult(Failure failure) => new(failure);
}
